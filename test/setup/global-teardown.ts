import { stopKafkaTestCluster } from './kafka-test-cluster';

export default async function globalTeardown(): Promise<void> {
  stopKafkaTestCluster();
}
