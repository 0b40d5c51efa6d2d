/**
 * Demo data: on a fresh start, one workspace with a few agents (and, once the brain ingests
 * documents, a few documents), owned by the first administrator. Turned off with
 * {@code sintra.demo.enabled=false}.
 */
package com.sintra.demo;
