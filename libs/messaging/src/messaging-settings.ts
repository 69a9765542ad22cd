import type { SettingGroup } from '@platform/config';
import { KAFKA_SETTINGS } from './kafka/kafka-settings';
import { SCHEMA_REGISTRY_SETTINGS } from './kafka/schema-registry-settings';
import { TRANSPORT_SETTINGS } from './nest/transport-settings';
import { CONSUMER_SETTINGS } from './pipeline/consumer-settings';
import { RETENTION_SETTINGS } from './retention/retention-settings';
import { SHADOW_SETTINGS } from './shadow/shadow-settings';

/** the settings the messaging library owns, in the order .env.example documents them */
export const MESSAGING_SETTINGS: readonly SettingGroup[] = [
  TRANSPORT_SETTINGS,
  SHADOW_SETTINGS,
  KAFKA_SETTINGS,
  SCHEMA_REGISTRY_SETTINGS,
  CONSUMER_SETTINGS,
  RETENTION_SETTINGS,
];
