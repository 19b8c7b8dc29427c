// The botbuilder-dialogs classes this bot runs on, loaded from their own modules. The package's index also loads
// every prompt and, through them, the Recognizers-Text date-time, choice and sequence models (~350 ms of a ~1.2 s cold
// start) which this bot never uses: it recognizes numbers and yes/no itself (src/nlu/). Types still come from the
// package root with `import type`, which leaves nothing at run time.
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog.js';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogContextError } from 'botbuilder-dialogs/lib/dialogContextError.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
