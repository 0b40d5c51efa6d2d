/**
 * Demo data: on a fresh start, one workspace with a few agents and a small handbook in its brain,
 * owned by the first administrator. Turned off with {@code sintra.demo.enabled=false}.
 */
package com.sintra.demo;
