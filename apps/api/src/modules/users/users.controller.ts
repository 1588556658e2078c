import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { ApiAuth, AuthUser, CurrentUser, Roles } from '@app/auth';
import {
  ApiEnvelope,
  ApiErrors,
  ApiPageEnvelope,
  Page,
  ParseIdPipe,
  ResponseMessage,
} from '@app/core';

import { CreateUserReqDto } from './dto/create-user.req.dto';
import { ListUsersQueryDto } from './dto/list-users.query.dto';
import { UpdateMeReqDto } from './dto/update-me.req.dto';
import { UpdateUserReqDto } from './dto/update-user.req.dto';
import { UserResDto } from './dto/user.res.dto';
import { UsersService } from './users.service';

const ID_PARAM = { name: 'id', description: 'User id (positive BIGINT as a string)', example: '1' };

/** HTTP only: the caller's own profile, and user management for admins. */
@ApiTags('users')
@ApiAuth()
@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOperation({ summary: 'My profile', description: 'The signed-in user. Any role.' })
  @ApiEnvelope(UserResDto)
  me(@CurrentUser() user: AuthUser): Promise<UserResDto> {
    return this.users.get(user.id);
  }

  @Put('me')
  @ApiOperation({
    summary: 'Update my profile',
    description: 'Changes the display name. Email and role are changed by an admin.',
  })
  @ApiEnvelope(UserResDto, { message: 'Profile updated' })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  @ResponseMessage('Profile updated')
  updateMe(@CurrentUser() user: AuthUser, @Body() body: UpdateMeReqDto): Promise<UserResDto> {
    return this.users.updateProfile(user, body.display_name);
  }

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'List users (admin)',
    description:
      'Offset pages with `page`/`page_size`. Filter with `role`, `is_active`, `q` (email or name); order with `sort`.',
  })
  @ApiPageEnvelope(UserResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST)
  list(@Query() query: ListUsersQueryDto): Promise<Page<UserResDto>> {
    return this.users.list(query);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a user (admin)',
    description: 'Creates an account of any role. The email must be unused (409 otherwise).',
  })
  @ApiEnvelope(UserResDto, { status: HttpStatus.CREATED, message: 'User created' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT)
  @ResponseMessage('User created')
  create(@Body() body: CreateUserReqDto): Promise<UserResDto> {
    return this.users.create({
      email: body.email,
      displayName: body.display_name,
      role: body.role,
      password: body.password,
    });
  }

  @Get(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Get a user (admin)', description: 'Returns one user by id.' })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(UserResDto)
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  get(@Param('id', ParseIdPipe) id: string): Promise<UserResDto> {
    return this.users.get(id);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Update a user (admin)',
    description:
      'Changes email, display name, role or `is_active`. A role change or deactivation applies to the user’s next request. Admins cannot demote or deactivate themselves (403).',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(UserResDto, { message: 'User updated' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT)
  @ResponseMessage('User updated')
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateUserReqDto,
  ): Promise<UserResDto> {
    return this.users.update(actor, id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Delete a user (admin)',
    description: 'Deletes the account and all its sessions; its tokens stop working at once.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(null, { message: 'User deleted' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  @ResponseMessage('User deleted')
  async remove(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<null> {
    await this.users.remove(actor, id);
    return null;
  }

  @Post(':id/unlock')
  @Roles('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Unlock a user (admin)',
    description: 'Ends a lockout after failed sign-ins and resets the failure count.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(UserResDto, { message: 'User unlocked' })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  @ResponseMessage('User unlocked')
  unlock(@Param('id', ParseIdPipe) id: string): Promise<UserResDto> {
    return this.users.unlock(id);
  }
}
