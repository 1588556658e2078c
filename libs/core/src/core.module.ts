import { DynamicModule, Global, Module } from '@nestjs/common';

import { AppConfig } from './config/app-config';
import { CursorCodec } from './pagination/cursor-codec';

/** Makes the one validated AppConfig, and what derives from it, injectable everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: CursorCodec, useValue: new CursorCodec(config.CURSOR_SECRET) },
      ],
      exports: [AppConfig, CursorCodec],
    };
  }
}
