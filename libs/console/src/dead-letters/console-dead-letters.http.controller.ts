import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CountDeadLettersQuery,
  DEAD_LETTERS_ROUTE,
  DeadLetterDetailsResponse,
  DeadLetterParams,
  DiscardBatchRequest,
  DiscardRequest,
  ListDeadLettersQuery,
  RedriveBatchRequest,
  RedriveResultResponse,
  summariseRedrives,
  toFilter,
  type DeadLetterDetails,
  type DeadLetterPage,
  type RedriveResult,
} from '@platform/dead-letters';
import { AdminOnly, ApiProblem, invalidRequest } from '@platform/http';
import { ConsoleDeadLetters } from './console-dead-letters';
import {
  ConsoleDeadLetterCountResponse,
  ConsoleDeadLetterDetailsResponse,
  ConsoleDeadLetterPageResponse,
  ConsoleDiscardBatchResponse,
  ConsoleRedriveBatchResponse,
} from './console-dead-letters.dto';
import { mergeDeadLetterPages } from './merge-dead-letter-pages';

const API = `/${DEAD_LETTERS_ROUTE}`;
const DEFAULT_PAGE = 50;
const DEFAULT_BATCH = 100;
const UNKNOWN_CONTEXT = {
  code: 'DEAD_LETTER.UNKNOWN_CONTEXT',
  detail: 'context "shop" runs in no process this console reaches; this one runs: orders',
};
const PEER_UNREACHABLE = {
  code: 'CONSOLE.PEER_UNREACHABLE',
  detail: 'context "shipping" does not run here and the peers that may run it did not answer: http://shipping:3000',
};

/**
 * The dead-letter API of the whole deployment, for the console's Dead letters page: the same
 * calls as /admin/dead-letters, answered by every process of a split deployment (CONSOLE_PEERS)
 * and not only this one. Lists merge, counts and batches add up, and an operation on one letter
 * goes to the process that runs its context. In one process it is that process's API.
 */
@ApiTags('admin: console')
@AdminOnly()
@Controller('admin/console/dead-letters')
export class ConsoleDeadLettersHttpController {
  constructor(private readonly deadLetters: ConsoleDeadLetters) {}

  @Get()
  @ApiOperation({ summary: 'List the dead letters of every process, newest first, a page at a time' })
  @ApiOkResponse({ type: ConsoleDeadLetterPageResponse })
  @ApiProblem(
    400,
    'A filter, limit or cursor is malformed',
    invalidRequest('limit', 'limit must not be greater than 200'),
  )
  @ApiProblem(404, 'DEAD_LETTER.UNKNOWN_CONTEXT: no process runs the context', UNKNOWN_CONTEXT)
  async list(@Query() query: ListDeadLettersQuery): Promise<ConsoleDeadLetterPageResponse> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const { parts, unreachable } = await this.deadLetters.everywhere(
      query.context,
      (admin) => admin.list({ ...toFilter(query), status: query.status }, limit, query.cursor),
      (api) => api.get<DeadLetterPage>(API, asQuery(query)),
    );
    return { ...mergeDeadLetterPages(parts, limit), unreachable };
  }

  @Get('count')
  @ApiOperation({ summary: 'Count the matching letters of every process: what a batch would touch' })
  @ApiOkResponse({ type: ConsoleDeadLetterCountResponse })
  @ApiProblem(400, 'A filter is malformed', invalidRequest('status', 'status must be one of the following values: …'))
  @ApiProblem(404, 'DEAD_LETTER.UNKNOWN_CONTEXT: no process runs the context', UNKNOWN_CONTEXT)
  async count(@Query() query: CountDeadLettersQuery): Promise<ConsoleDeadLetterCountResponse> {
    const { parts, unreachable } = await this.deadLetters.everywhere(
      query.context,
      (admin) => admin.count({ ...toFilter(query), status: query.status }),
      async (api) => (await api.get<{ count: number }>(`${API}/count`, asQuery(query))).count,
    );
    return { count: parts.reduce((sum, n) => sum + n, 0), unreachable };
  }

  @Post('redrive')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-drive the matching pending letters in every process (`limit` per process), oldest first',
  })
  @ApiOkResponse({ type: ConsoleRedriveBatchResponse })
  @ApiProblem(400, 'A filter or limit is malformed', invalidRequest('limit', 'limit must not be greater than 500'))
  @ApiProblem(404, 'DEAD_LETTER.UNKNOWN_CONTEXT: no process runs the context', UNKNOWN_CONTEXT)
  async redriveMatching(@Body() body: RedriveBatchRequest): Promise<ConsoleRedriveBatchResponse> {
    const { parts, unreachable } = await this.deadLetters.everywhere(
      body.context,
      (admin) => admin.redriveMatching(toFilter(body), body.limit ?? DEFAULT_BATCH),
      async (api) => (await api.post<{ results: RedriveResult[] }>(`${API}/redrive`, body)).results,
    );
    return { ...summariseRedrives(parts.flat()), unreachable };
  }

  @Post('discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard the matching pending letters in every process (`limit` per process), one reason' })
  @ApiOkResponse({ type: ConsoleDiscardBatchResponse })
  @ApiProblem(
    400,
    'reason missing or blank, or a filter malformed',
    invalidRequest('reason', 'reason must not be blank'),
  )
  @ApiProblem(404, 'DEAD_LETTER.UNKNOWN_CONTEXT: no process runs the context', UNKNOWN_CONTEXT)
  async discardMatching(@Body() body: DiscardBatchRequest): Promise<ConsoleDiscardBatchResponse> {
    const { parts, unreachable } = await this.deadLetters.everywhere(
      body.context,
      (admin) => admin.discardMatching(toFilter(body), body.reason.trim(), body.limit ?? DEFAULT_BATCH),
      async (api) =>
        (await api.post<{ letters: Array<{ context: string; id: string }> }>(`${API}/discard`, body)).letters,
    );
    const letters = parts.flat();
    return { discarded: letters.length, letters, unreachable };
  }

  @Get(':context/:id')
  @ApiOperation({ summary: 'One dead letter, from the process that runs its context, with its event decoded' })
  @ApiOkResponse({ type: ConsoleDeadLetterDetailsResponse })
  @ApiProblem(404, 'DEAD_LETTER.NOT_FOUND or DEAD_LETTER.UNKNOWN_CONTEXT', UNKNOWN_CONTEXT)
  @ApiProblem(502, 'CONSOLE.PEER_UNREACHABLE: a peer that may run the context did not answer', PEER_UNREACHABLE)
  async show(@Param() { context, id }: DeadLetterParams): Promise<ConsoleDeadLetterDetailsResponse> {
    const letter = await this.deadLetters.onOwner(
      context,
      (admin) => admin.show(context, id),
      (api) => api.get<DeadLetterDetails>(`${API}/${context}/${id}`),
    );
    return { ...letter, ...(await this.deadLetters.decode(letter)) } as ConsoleDeadLetterDetailsResponse;
  }

  @Post(':context/:id/redrive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-drive one pending letter, in the process that runs its context' })
  @ApiOkResponse({ type: RedriveResultResponse })
  @ApiProblem(404, 'DEAD_LETTER.NOT_FOUND or DEAD_LETTER.UNKNOWN_CONTEXT', UNKNOWN_CONTEXT)
  @ApiProblem(409, 'DEAD_LETTER.NOT_PENDING or DEAD_LETTER.NO_SUBSCRIPTION', {
    code: 'DEAD_LETTER.NOT_PENDING',
    detail: 'dead letter payments/42 is resolved, only a pending one can be re-driven',
  })
  @ApiProblem(502, 'CONSOLE.PEER_UNREACHABLE: a peer that may run the context did not answer', PEER_UNREACHABLE)
  redrive(@Param() { context, id }: DeadLetterParams): Promise<RedriveResultResponse> {
    return this.deadLetters.onOwner(
      context,
      (admin) => admin.redrive(context, id),
      (api) => api.post(`${API}/${context}/${id}/redrive`),
    );
  }

  @Post(':context/:id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard one pending letter with a reason, in the process that runs its context' })
  @ApiOkResponse({ type: DeadLetterDetailsResponse })
  @ApiProblem(400, 'reason missing or blank', invalidRequest('reason', 'reason must not be blank'))
  @ApiProblem(404, 'DEAD_LETTER.NOT_FOUND or DEAD_LETTER.UNKNOWN_CONTEXT', UNKNOWN_CONTEXT)
  @ApiProblem(409, 'DEAD_LETTER.NOT_PENDING', {
    code: 'DEAD_LETTER.NOT_PENDING',
    detail: 'dead letter payments/42 is discarded, only a pending one can be discarded',
  })
  @ApiProblem(502, 'CONSOLE.PEER_UNREACHABLE: a peer that may run the context did not answer', PEER_UNREACHABLE)
  discard(
    @Param() { context, id }: DeadLetterParams,
    @Body() body: DiscardRequest,
  ): Promise<DeadLetterDetailsResponse> {
    return this.deadLetters.onOwner(
      context,
      (admin) => admin.discard(context, id, body.reason.trim()),
      (api) => api.post(`${API}/${context}/${id}/discard`, body),
    );
  }
}

/** validated query fields as the peer's API takes them again */
function asQuery(query: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => [name, String(value)]),
  );
}
