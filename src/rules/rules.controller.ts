import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import { RuleSetDraftDto } from './dto/rule-set-draft.dto.js';
import { type ActiveRuleSetView, toActiveRuleSetView } from './dto/rule-set.views.js';
import { RulesService } from './rules.service.js';

@ApiTags('rulesets')
@Controller('rulesets')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get('active')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({ summary: 'The rule set in force: indicators, weights, thresholds and sources' })
  active(): ActiveRuleSetView {
    return toActiveRuleSetView(this.rules.active().compiled);
  }

  @Get('active/files')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({ summary: 'The YAML files of the active rule set, to start a draft from' })
  files(): { path: string; content: string }[] {
    return this.rules
      .active()
      .files.filter((file) => /\.ya?ml$/.test(file.path))
      .map((file) => ({ path: file.path, content: file.content }));
  }

  @Post('validate')
  @Allow('compliance', 'procurement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a draft rule set (the changed files); 400 lists every problem' })
  validate(@Body() draft: RuleSetDraftDto): ActiveRuleSetView {
    return toActiveRuleSetView(this.rules.validate(draft.files));
  }
}
