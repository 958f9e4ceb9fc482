package org.lanner.rules;

import org.lanner.api.extract.FieldBindException;

/** No extractor knows the field. */
public class UnknownFieldException extends FieldBindException {

    private static final long serialVersionUID = 1L;

    public UnknownFieldException(String message) {
        super(message);
    }
}
