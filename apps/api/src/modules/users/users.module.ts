import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { User } from './entities/user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersSeedPreparer } from './users.seed';
import { UsersService } from './users.service';

/**
 * User accounts. Exports the repository to the auth feature (credentials and lockout live on the
 * users row) and as the JWT guard's AuthUserLookup; see docs/decisions.
 */
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [UsersController],
  providers: [UsersService, UsersRepository, UsersSeedPreparer],
  exports: [UsersService, UsersRepository],
})
export class UsersModule {}
