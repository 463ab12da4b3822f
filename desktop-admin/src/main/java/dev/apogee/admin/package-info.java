/** Apogee's desktop admin: service, store, task and view-model layers under this package. */
package dev.apogee.admin;
