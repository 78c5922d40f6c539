import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Authenticated, Public, Roles } from '../../src/common/auth/access.decorators.js';
import { CurrentUser } from '../../src/common/auth/current-user.decorator.js';
import type { AuthUser } from '../../src/common/auth/auth-user.js';

class AddressDto {
  @IsString() city: string;
}

class ProbeBodyDto {
  @IsEmail() email: string;
  @IsInt() @Min(1) @Max(10) count: number;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
}

/** How many `GET /probe/slow` requests are being served right now. */
export const slowProbe = { inFlight: 0 };

/**
 * Test-only routes mounted on the production stack to exercise the global pipeline (parsing,
 * validation, envelope, errors, access guard, graceful shutdown) before any feature route exists.
 */
@Controller('probe')
class ProbeController {
  @Post('echo')
  @Public()
  echo(@Body() body: ProbeBodyDto) {
    return body;
  }

  @Get('slow')
  @Public()
  async slow(@Query('ms') ms = '300') {
    slowProbe.inFlight += 1;
    try {
      await new Promise((resolve) => setTimeout(resolve, Number(ms)));
    } finally {
      slowProbe.inFlight -= 1;
    }
    return { waited: Number(ms) };
  }

  @Get('crash')
  @Public()
  crash(): never {
    throw new Error('secret internal detail');
  }

  @Get('me')
  @Authenticated()
  me(@CurrentUser() user: AuthUser) {
    return user;
  }

  @Get('admins-only')
  @Roles('ADMIN', 'SUPER_ADMIN')
  adminsOnly() {
    return { ok: true };
  }

  @Get('undeclared')
  undeclared() {
    return { reached: true };
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}
