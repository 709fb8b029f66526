//! The local directory server. It serves Atlassian's admin API and Custodian's extension
//! endpoints over SQLite; the server itself lands with its own issue (see README).
