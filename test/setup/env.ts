// Quiet logs in tests unless asked for; kafkajs' partitioner notice is noise here.
process.env.LOG_LEVEL ??= 'warn';
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
process.env.METRICS_DEFAULT ??= 'false'; // several apps per test file would register Node's default metrics twice
// a test process may run the whole platform (8 data sources) beside a test file's own pools: keep
// them small so a PostgreSQL server's default 100 connections are enough even with parallel runs
process.env.DATABASE_POOL_SIZE ??= '3';
