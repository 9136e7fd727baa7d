-- One database per node: the two countries' stores never share a schema.
CREATE DATABASE kopir_kz OWNER kopir;
CREATE DATABASE kopir_kg OWNER kopir;
