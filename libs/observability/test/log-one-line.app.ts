// Run by pretty-logs.int-spec.ts: the observability module's logger, one log line, then exit.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ObservabilityModule } from '../src';

@Module({ imports: [ObservabilityModule.forRoot({ service: 'pretty-logs-test', env: { ...process.env } })] })
class LogOneLineApp {}

async function main(): Promise<void> {
  const app = await NestFactory.create(LogOneLineApp, { logger: false });
  await app.init();
  app.get(PinoLogger).log('one line', 'LogOneLine');
  await app.close();
}

void main();
