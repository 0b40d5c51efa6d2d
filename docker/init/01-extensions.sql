-- Run by the postgres image on first start (empty volume), as the superuser
-- POSTGRES_USER (sintra) in the database POSTGRES_DB (sintra).
CREATE EXTENSION IF NOT EXISTS vector;

-- Database for the tests; scripts/provision --test recreates it empty.
CREATE DATABASE sintra_test OWNER sintra;
\connect sintra_test
CREATE EXTENSION IF NOT EXISTS vector;
