/**
 * The transport strategy of this process (in-process or Kafka, by TRANSPORT), for
 * `app.connectMicroservice({ strategy: app.get(MESSAGE_TRANSPORT) })`: no app names a transport.
 */
export const MESSAGE_TRANSPORT = Symbol('MESSAGE_TRANSPORT');
