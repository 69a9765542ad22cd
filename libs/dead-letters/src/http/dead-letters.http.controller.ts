import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeadLetterAdmin } from '../dead-letter-admin';
import { AdminOnly, ApiProblem, invalidRequest, type ProblemExample } from './platform-http';
import { DEAD_LETTERS_ROUTE } from './dead-letters-api.client';
import { toFilter } from './dead-letter-filter.dto';
import { answeringRefusals } from './dead-letter-refusals';
import { summariseRedrives } from './redrive-summary';
import {
  CountDeadLettersQuery,
  DeadLetterParams,
  DiscardBatchRequest,
  DiscardRequest,
  ListDeadLettersQuery,
  RedriveBatchRequest,
} from './dead-letter.request.dto';
import {
  DeadLetterCountResponse,
  DeadLetterDetailsResponse,
  DiscardBatchResponse,
  DeadLetterPageResponse,
  RedriveBatchResponse,
  RedriveResultResponse,
} from './dead-letter.response.dto';

const UNKNOWN_CONTEXT: ProblemExample = {
  code: 'DEAD_LETTER.UNKNOWN_CONTEXT',
  detail: 'context "shop" does not run in this process; it runs: orders, inventory, payments',
};
const NOT_FOUND: ProblemExample = { code: 'DEAD_LETTER.NOT_FOUND', detail: 'no dead letter payments/42' };
const NOT_PENDING: ProblemExample = {
  code: 'DEAD_LETTER.NOT_PENDING',
  detail: 'dead letter payments/42 is resolved, only a pending one can be re-driven',
};
const BAD_ID = invalidRequest('id', 'id must be a positive whole number');

const DEFAULT_PAGE = 50;
const DEFAULT_BATCH = 100;

/**
 * The dead letters of every consumer group this process hosts (docs/reliability.md,
 * "Operating dead letters"). Mounted by every deployable; each answers for its own contexts.
 */
@ApiTags('admin: dead letters')
@AdminOnly()
@Controller(DEAD_LETTERS_ROUTE)
export class DeadLettersHttpController {
  constructor(private readonly deadLetters: DeadLetterAdmin) {}

  @Get()
  @ApiOperation({ summary: 'List dead letters, newest first, a page at a time; filters combine' })
  @ApiOkResponse({ type: DeadLetterPageResponse })
  @ApiProblem(
    400,
    'A filter, limit or cursor is malformed',
    invalidRequest('limit', 'limit must not be greater than 200'),
    {
      code: 'DEAD_LETTER.BAD_CURSOR',
      detail: 'cursor is not one this API returned',
    },
  )
  @ApiProblem(404, 'DEAD_LETTER.UNKNOWN_CONTEXT: the context does not run in this process', UNKNOWN_CONTEXT)
  list(@Query() query: ListDeadLettersQuery): Promise<DeadLetterPageResponse> {
    const filter = { ...toFilter(query), status: query.status };
    return answeringRefusals(() => this.deadLetters.list(filter, query.limit ?? DEFAULT_PAGE, query.cursor));
  }

  @Post('redrive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-drive the matching pending letters, oldest first, each back to its own consumer group',
    description:
      'Each letter runs through the same pipeline and handler as the original record: the inbox still drops ' +
      'what was handled already, and a letter that fails again is recorded as a new letter. An empty filter ' +
      'matches every pending letter (up to `limit`).',
  })
  @ApiBody({ type: RedriveBatchRequest, examples: { byCode: { value: { errorCode: 'ERROR.Error', limit: 20 } } } })
  @ApiOkResponse({ type: RedriveBatchResponse })
  @ApiProblem(400, 'A filter or limit is malformed', invalidRequest('limit', 'limit must not be greater than 500'))
  @ApiProblem(404, 'DEAD_LETTER.UNKNOWN_CONTEXT: the context does not run in this process', UNKNOWN_CONTEXT)
  redriveMatching(@Body() body: RedriveBatchRequest): Promise<RedriveBatchResponse> {
    return answeringRefusals(async () => {
      return summariseRedrives(await this.deadLetters.redriveMatching(toFilter(body), body.limit ?? DEFAULT_BATCH));
    });
  }

  @Get('count')
  @ApiOperation({
    summary: 'Count the letters that match; with status=pending, what a batch re-drive or discard would touch',
  })
  @ApiOkResponse({ type: DeadLetterCountResponse })
  @ApiProblem(400, 'A filter is malformed', invalidRequest('status', 'status must be one of the following values: …'))
  @ApiProblem(404, 'DEAD_LETTER.UNKNOWN_CONTEXT: the context does not run in this process', UNKNOWN_CONTEXT)
  count(@Query() query: CountDeadLettersQuery): Promise<DeadLetterCountResponse> {
    const filter = { ...toFilter(query), status: query.status };
    return answeringRefusals(async () => ({ count: await this.deadLetters.count(filter) }));
  }

  @Post('discard')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Discard the matching pending letters, oldest first, with one reason kept with each',
    description: 'An empty filter matches every pending letter (up to `limit`); the reason is required.',
  })
  @ApiBody({
    type: DiscardBatchRequest,
    examples: { byCode: { value: { errorCode: 'EVENT.UNDECODABLE', reason: 'garbage from the load test' } } },
  })
  @ApiOkResponse({ type: DiscardBatchResponse })
  @ApiProblem(
    400,
    'reason missing or blank, or a filter or limit malformed',
    invalidRequest('reason', 'reason must not be blank'),
  )
  @ApiProblem(404, 'DEAD_LETTER.UNKNOWN_CONTEXT: the context does not run in this process', UNKNOWN_CONTEXT)
  discardMatching(@Body() body: DiscardBatchRequest): Promise<DiscardBatchResponse> {
    return answeringRefusals(async () => {
      const letters = await this.deadLetters.discardMatching(
        toFilter(body),
        body.reason.trim(),
        body.limit ?? DEFAULT_BATCH,
      );
      return { discarded: letters.length, letters };
    });
  }

  @Get(':context/:id')
  @ApiOperation({ summary: 'One dead letter: the original record (key, headers, value) and the failure' })
  @ApiOkResponse({ type: DeadLetterDetailsResponse })
  @ApiProblem(400, 'context or id is malformed', BAD_ID)
  @ApiProblem(404, 'DEAD_LETTER.NOT_FOUND or DEAD_LETTER.UNKNOWN_CONTEXT', NOT_FOUND, UNKNOWN_CONTEXT)
  show(@Param() params: DeadLetterParams): Promise<DeadLetterDetailsResponse> {
    return answeringRefusals(() => this.deadLetters.show(params.context, params.id));
  }

  @Post(':context/:id/redrive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-drive one pending letter back to its own consumer group' })
  @ApiOkResponse({ type: RedriveResultResponse })
  @ApiProblem(400, 'context or id is malformed', BAD_ID)
  @ApiProblem(404, 'DEAD_LETTER.NOT_FOUND or DEAD_LETTER.UNKNOWN_CONTEXT', NOT_FOUND, UNKNOWN_CONTEXT)
  @ApiProblem(
    409,
    'DEAD_LETTER.NOT_PENDING, or DEAD_LETTER.NO_SUBSCRIPTION: its handler does not run here',
    NOT_PENDING,
    {
      code: 'DEAD_LETTER.NO_SUBSCRIPTION',
      detail: 'consumer group payments has no handler for payments.authorize-payment.v1 in this process',
    },
  )
  redrive(@Param() params: DeadLetterParams): Promise<RedriveResultResponse> {
    return answeringRefusals(() => this.deadLetters.redrive(params.context, params.id));
  }

  @Post(':context/:id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard one pending letter; the reason is kept with it' })
  @ApiOkResponse({ type: DeadLetterDetailsResponse })
  @ApiProblem(
    400,
    'reason missing or blank, or context or id malformed',
    invalidRequest('reason', 'reason must not be blank'),
  )
  @ApiProblem(404, 'DEAD_LETTER.NOT_FOUND or DEAD_LETTER.UNKNOWN_CONTEXT', NOT_FOUND, UNKNOWN_CONTEXT)
  @ApiProblem(409, 'DEAD_LETTER.NOT_PENDING', NOT_PENDING)
  discard(@Param() params: DeadLetterParams, @Body() body: DiscardRequest): Promise<DeadLetterDetailsResponse> {
    return answeringRefusals(() => this.deadLetters.discard(params.context, params.id, body.reason.trim()));
  }
}
