package dev.apogee.admin.viewmodel;

/**
 * One property of a message, for the detail view's table.
 *
 * @param name   the property's name
 * @param value  its value
 * @param system whether the protocol gives it a meaning (else an application's)
 */
public record PropertyRow(String name, String value, boolean system) {
}
