import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ProblemException } from '@platform/http';
import { consolePolicy, loadConsoleAssets, type ConsoleAsset } from './console-assets';

interface AssetResponse {
  status(code: number): AssetResponse;
  setHeader(name: string, value: string): void;
  redirect(status: number, url: string): void;
  end(body?: Buffer): void;
}

/**
 * The operator console's files: the page at /console/, its scripts, styles and the front-end
 * libraries. They hold no data and are served to anyone; everything the page shows comes from the
 * admin API, which asks for the admin token (the page asks the operator for it once per tab).
 */
@ApiExcludeController()
@Controller('console')
export class ConsoleHttpController {
  private readonly assets = loadConsoleAssets();
  private readonly policy = consolePolicy(this.assets.get('index.html')!.body.toString('utf8'));

  @Get()
  page(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() response: AssetResponse): void {
    this.send('index.html', ifNoneMatch, response);
  }

  @Get('*path')
  asset(
    @Param('path') path: string[] | string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: AssetResponse,
  ): void {
    const name = Array.isArray(path) ? path.join('/') : path;
    this.send(name === '' ? 'index.html' : name, ifNoneMatch, response);
  }

  private send(name: string, ifNoneMatch: string | undefined, response: AssetResponse): void {
    const asset: ConsoleAsset | undefined = this.assets.get(name);
    if (!asset) {
      throw new ProblemException({
        status: 404,
        code: 'CONSOLE.NO_SUCH_FILE',
        detail: `the console has no file ${name}`,
      });
    }
    response.setHeader('Content-Type', asset.contentType);
    response.setHeader('ETag', asset.etag);
    // revalidated every time: a new version of the platform must not leave an old page behind
    response.setHeader('Cache-Control', 'no-cache');
    if (name === 'index.html') response.setHeader('Content-Security-Policy', this.policy);
    if (ifNoneMatch === asset.etag) {
      response.status(304).end();
      return;
    }
    response.status(200).end(asset.body);
  }
}
