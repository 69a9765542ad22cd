export { ConsoleModule } from './console.module';
export { CONSOLE_SETTINGS } from './console-settings';
export { ConsolePeers, type PeerAnswer } from './console-peers';
