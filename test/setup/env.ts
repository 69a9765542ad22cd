// Quiet logs in tests unless asked for; kafkajs' partitioner notice is noise here.
process.env.LOG_LEVEL ??= 'warn';
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
process.env.METRICS_DEFAULT ??= 'false'; // several apps per test file would register Node's default metrics twice
