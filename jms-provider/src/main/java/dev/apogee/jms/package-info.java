/** Apogee's Jakarta Messaging 3.1 provider: the public API a JMS application sees. */
package dev.apogee.jms;
