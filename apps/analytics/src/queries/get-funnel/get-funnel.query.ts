import { Query } from '@nestjs/cqrs';
import type { FunnelResponse } from './get-funnel.response.dto';

/** Orders that reached each stage of the funnel. */
export class GetFunnelQuery extends Query<FunnelResponse> {}
