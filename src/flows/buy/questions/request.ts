// The buy flow's last question for users without purchase rights: request approval.
import type { Question, Reading } from '../../../conversation/questionDialog.js';
import { refuse, send, stale } from '../../../conversation/questionKit.js';
import { answerCardClick } from '../../../conversation/staleCards.js';
import { readCardAction } from '../../../conversation/verbs.js';
import { isDomainError } from '../../../domain/errors.js';
import { describeError } from '../../../i18n/index.js';
import { type DialogDeps, say, sendSay } from '../../../turn/dialogDeps.js';
import { languageIn, noteOutcome } from '../../../turn/turnState.js';
import { requestApprovalCard } from '../../approvals/cards.js';
import { submitPurchaseRequest } from '../../approvals/purchaseRequests.js';
import { type RequestAnswer, type RequestQuestion, RequestQuestionT } from '../state.js';
import { RequestApprovalSubmitT } from '../verbs.js';
import type { TurnContext } from 'botbuilder';

async function askRequest(deps: DialogDeps, context: TurnContext, question: RequestQuestion): Promise<void> {
  await send(context, deps.cards.render('requestApproval', requestApprovalCard(question.flowId, question.quote, question.base, languageIn(context))));
}

async function readRequest(deps: DialogDeps, context: TurnContext, question: RequestQuestion): Promise<Reading<RequestQuestion, RequestAnswer>> {
  const action = readCardAction(context.activity);
  if (!action) {
    await sendSay(deps, context, 'useRequestButtons');
    return { kind: 'again' };
  }
  if (action.verb !== 'buy.requestApproval') return stale(deps, context, action);
  const parsed = RequestApprovalSubmitT.safeParse(action.data);
  if (!parsed.success) {
    return refuse(deps, context, question, (q) => Promise.resolve(deps.cards.render('requestApproval',
      requestApprovalCard(q.flowId, q.quote, q.base, languageIn(context)))), 'invalidCard');
  }
  if (parsed.data.quoteId !== question.quote.id) return stale(deps, context, action);
  try {
    const submitted = await submitPurchaseRequest(deps, context, { quote: question.quote, base: question.base, justification: parsed.data.justification ?? '' });
    return { kind: 'answer', value: { kind: 'requested', requestId: submitted.requestId } };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    // A quote past its 15 minutes, a quote already used: nothing was requested; the card says so.
    noteOutcome(context, `error:${error.code}`);
    const message = describeError(error, languageIn(context));
    await answerCardClick(deps, context, { tone: 'attention', title: say(deps, context, 'staleTitle'), message });
    return { kind: 'answer', value: { kind: 'stopped' } };
  }
}

// -------------------------------------------------------------------------------------------------------------
// Shared by the questions
// -------------------------------------------------------------------------------------------------------------

export function requestQuestion(deps: DialogDeps): Question<RequestQuestion, RequestAnswer> {
  return {
    options: RequestQuestionT,
    ask: (context, question) => askRequest(deps, context, question),
    read: (context, question) => readRequest(deps, context, question),
  };
}
