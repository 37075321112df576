// Phrase banks per kind of topic. A configured taxonomy topic is matched to the bank whose
// keywords overlap its phrases most (so `network` with phrases [outage, wifi] gets the
// connectivity bank); a topic matching none gets the generic bank, filled with its own phrases.
// Texts use the topic's words the way people do, not only the configured phrase list.
import type { FailureCategory } from '../../messages/index.js';

export type BaseKind = 'complaint' | 'failure' | 'idea' | 'praise' | 'question' | 'neutral';
export type SpikeBucket = FailureCategory | 'complaint' | 'question';

export interface TopicBank {
  id: string;
  /** Words that identify this kind of topic in a configured phrase list. */
  keywords: string[];
  slots: Record<string, readonly string[]>;
  complaint: string[];
  failure: Record<FailureCategory, string[]>;
  praise: string[];
  question: string[];
  idea: string[];
  neutral: string[];
  /** Multipliers on the base kind mix: how talk about this topic leans. */
  mix: Partial<Record<BaseKind, number>>;
  failureMix: Partial<Record<FailureCategory, number>>;
  /** What a surge of complaints on this topic sounds like ({spike_*} slots are fixed per spike). */
  spike: Partial<Record<SpikeBucket, string[]>>;
  spikeMix: Partial<Record<SpikeBucket, number>>;
  /** Headline-ish titles for Reddit posts and RSS items, by kind. */
  titles: Partial<Record<BaseKind, string[]>>;
}

const connectivity: TopicBank = {
  id: 'connectivity',
  keywords: ['outage', 'internet', 'internet down', 'wifi', 'broadband', 'connection', 'signal', 'no signal', 'router', 'slow speed', 'dropping out', 'network', 'speed', 'fibre'],
  slots: {
    thing: ['internet', 'wifi', 'broadband', 'connection', 'fibre', 'signal', 'wi-fi', 'net', 'internet connection'],
    device: ['router', 'hub', 'Hub 3', 'modem', 'wifi booster', 'mesh discs', 'smart hub', 'ONT box'],
    speedpaid: ['500Mb', '900Mb', '150 meg', '1 gig', '300Mbps', '74Mb', '2Gb'],
    speedgot: ['12Mb', '3 megs', '0.5Mbps', 'about 8Mb', '20Mbps on a good day', '1.2 meg', 'basically dial-up speeds'],
    down: ['down', 'off', 'dead', 'out'],
  },
  complaint: [
    '{brand} my {thing} keeps dropping out every {10 minutes|half hour|few minutes}, how am I supposed to work from home {emoji_neg}',
    'paying for {speedpaid} with {brand} and getting {speedgot}. {fume}',
    '{brand} {wifi|internet|broadband} is so {slow|painfully slow|sluggish} tonight, cant even stream a youtube video',
    'Why is my {thing} always rubbish in the evening {brand}? Every single night after 7',
    'the {device} {brand} sent me is {useless|a brick|garbage}. signal doesn\'t even reach the kitchen',
    '{brand} buffering, buffering, buffering. {fume}',
    'honestly regret switching to {brand}, the {thing} has been unreliable from day one',
    '{brand} ping through the roof tonight, completely unplayable {emoji_neg} #gaming',
    'Great, another evening of {brand} {thing} cutting out mid video call. Love that for me',
    'cannot believe {brand} call this a {fibre|superfast|broadband} service. my phone hotspot is faster',
    '{brand} the {thing} drops every time it rains. every. time.',
    'speed test says {speedgot}. I pay for {speedpaid}. {brand} explain',
  ],
  failure: {
    chasing_progress: [
      '{handle} still waiting for the engineer visit you promised. Day {n} without {thing}',
      '{brand} any update on the outage in {city}? It\'s been {duration} and the status page still says "investigating"',
      'still no {thing}, still no update from {brand}. {duration} now {emoji_neg}',
      '{handle} any news on my fault? {ticket}. Told it\'d be fixed in 24 hours, that was {duration} ago',
      'Still waiting for {brand} to send the replacement {device}. {duration}. Working off my phone',
    ],
    repeat_contact: [
      '{ordinal} time calling {brand} about the same {connection drops|dropping wifi|line fault}. Every time they reset the {device} and say it\'s fixed',
      'I have reported this fault {times} now {handle}. {ticket}. Does anyone read the notes?',
      'rang {brand} again today about the {thing}. {ordinal} call this week. same script, same result',
      'Messaged {brand} {times} about my {thing} dropping. Same canned reply every time',
    ],
    not_fixed: [
      '{brand} {device} still dropping out after the firmware update. Third engineer visit and it\'s still broken',
      '{brand} said the fault was fixed yesterday. {thing} {down} again this morning {emoji_neg}',
      'the "fix" {brand} applied lasted about 4 hours. Dropping out again',
      'Engineer came, said the line was fine, left. {thing} went {down} an hour later. {brand} still not fixed',
      'new {device} from {brand}, exact same problem. still not fixed',
    ],
    wrong_information: [
      '{brand} told me {fibre|full fibre|1 gig} was available at my address, installed it and now they say the line can only do {speedgot}',
      'You told me on the phone there was no outage in my area, your own status page shows one in {city} {handle}',
      '{brand} website says my area gets {speedpaid}. Engineer says the cabinet can\'t support it. Which is it?',
      'Was told the engineer would come {weekday}. Now {brand} says no appointment was ever booked',
    ],
    cancellation_refund: [
      'want compensation for {duration} with no {thing} {brand}. Not paying for a service I didn\'t get',
      'Trying to cancel my {brand} contract because the {thing} never works and they want an exit fee. {fume}',
      '{brand} I\'ve had no {thing} for {duration}, where is my automatic compensation?',
      'cancelling {brand} as soon as I can get through to someone. {duration} of rubbish {thing}',
    ],
    service_failure: [
      '{brand} {internet|wifi|broadband} {down} {since} in {city}. Is there an outage?',
      'Total outage here in {city}, {brand} status page says everything is fine. It is not fine.',
      'no signal at all {since}. {brand} what is going on',
      '{brand} engineer was booked for {weekday} between 8 and 1 and never turned up. No call, nothing',
      '{brand} {thing} has gone {down} across the whole street {since}',
    ],
  },
  praise: [
    'Have to say the new {device} from {brand} is {brilliant|superb|a massive upgrade}, {wifi|signal} everywhere in the house now {emoji_pos}',
    '{brand} engineer {agent} was {fantastic|brilliant|so helpful}, sorted the line fault in 20 minutes',
    'Speed test this morning: {speedpaid} down, exactly what I pay for. Well done {brand}',
    'Been with {brand} {years} and never had an outage. Rock solid {thing}',
    'fair play {brand}, {thing} came back within the hour and they credited my account without me asking',
    'switched to {brand} full fibre last week and wow, the difference. {joy}',
    '{brand} broadband has been flawless for gaming, zero lag {emoji_pos}',
  ],
  question: [
    '{brand} is there an outage in {city} right now? {thing} just went off',
    'does anyone know if {brand} full fibre is available in {city} yet?',
    '{handle} how do I change the wifi password on the {device}?',
    'Is {brand} broadband any good for gaming? thinking of switching {emoji_q}',
    'what\'s the best place to put the {brand} {device}? signal upstairs is patchy',
    '{brand} do you do a 4G backup if the line goes down?',
    'anyone on {brand} in {city} getting slow speeds tonight or is it just me?',
  ],
  idea: [
    '{brand} you should add a live outage map to the app so we don\'t have to ring up',
    'I wish {brand} would text you when there\'s an outage in your area instead of you finding out yourself',
    'would love a {brand} option for a 4G backup when the {thing} goes down',
    'please bring back the old {device}, the new one has worse range',
    '{brand} how about letting us book engineer slots online? would save everyone a phone call',
    'idea for {brand}: show the actual speed at my address before I sign up, not "up to"',
  ],
  neutral: [
    '{brand} doing network upgrades in {city} this weekend apparently, might be some downtime',
    '{brand} announces full fibre rollout to 2 million more homes',
    'just moved house, {brand} setting up the {thing} on {weekday}',
    '{brand} {device} arrived today, setting it up tonight',
    'Ofcom report out: {brand} average broadband speeds up {pct} year on year',
  ],
  mix: { failure: 1.35, complaint: 1.1, praise: 0.8 },
  failureMix: { service_failure: 3, not_fixed: 2, chasing_progress: 2, repeat_contact: 1.5, wrong_information: 0.7, cancellation_refund: 0.8 },
  spike: {
    service_failure: [
      '{brand} is DOWN. whole of {spike_place} has no {thing} {spike_tag}',
      '{brand} {internet|broadband|wifi} {down} in {spike_place}?? {spike_tag}',
      'major {brand} outage right now, nothing loading {emoji_neg} {spike_tag}',
      'looks like {brand} has gone {down} everywhere. {spike_place}, {city}, all of it {spike_tag}',
      'no internet {since_spike}, {brand} status page just says "investigating" {spike_tag}',
      '{brand} total outage again. {spike_tag}',
      'outage outage outage. {brand} what have you done {spike_tag}',
    ],
    chasing_progress: [
      '{handle} any update on the outage?? its been {spike_elapsed} {spike_tag}',
      'still no {thing} and still no update from {brand}. {spike_elapsed} now {spike_tag}',
      '{brand} when will the outage be fixed? some of us have to work {emoji_neg}',
    ],
    repeat_contact: [
      '{ordinal} time trying to get through to {brand} about this outage, line just rings out {spike_tag}',
      'called {brand} {times} in the last hour, "high call volumes" message every time {spike_tag}',
    ],
    not_fixed: [
      '{brand} said the {spike_place} outage was fixed. it is NOT fixed, down again {spike_tag}',
      'came back for 5 minutes then dropped again. still broken {brand} {spike_tag}',
    ],
    wrong_information: [
      '{brand} support told me there\'s no outage and to restart my {device}. there is clearly an outage {spike_tag}',
    ],
    cancellation_refund: [
      'I want compensation for today {brand}. {spike_tag}',
      'this outage is the final straw, cancelling {brand} {spike_tag}',
    ],
    complaint: [
      '{brand} this is a joke. {spike_tag}',
      'working from home with no {thing} thanks to {brand} {emoji_neg} {spike_tag}',
      'every single time I need the internet {brand} falls over {spike_tag}',
    ],
    question: [
      'is {brand} down for anyone else? {spike_tag}',
      'anyone else in {spike_place} lost their {thing}? {brand}',
      '{brand} is there an outage? router showing red light',
    ],
  },
  spikeMix: { service_failure: 5, chasing_progress: 2, repeat_contact: 1, not_fixed: 1, wrong_information: 0.5, cancellation_refund: 1, complaint: 2, question: 1.5 },
  titles: {
    complaint: ['{brand} broadband is a joke', 'Fed up with {brand} wifi', '{brand} speeds in the evening - anyone else?'],
    failure: ['{brand} outage in {city}?', 'Still no internet from {brand} after {duration}', '{brand} engineer no-show'],
    question: ['Is {brand} down?', 'Question about {brand} router placement', '{brand} full fibre worth it?'],
    praise: ['Credit where it\'s due: {brand} broadband', '{brand} full fibre review after a month'],
    idea: ['Suggestion for {brand}: outage alerts'],
    neutral: ['{brand} network upgrades announced', '{brand} expands full fibre'],
  },
};

const billing: TopicBank = {
  id: 'billing',
  keywords: ['bill', 'billing', 'invoice', 'charge', 'charged', 'overcharged', 'direct debit', 'payment', 'price rise', 'fee'],
  slots: {
    thing: ['bill', 'invoice', 'direct debit', 'payment', 'monthly charge', 'statement'],
  },
  complaint: [
    '{brand} my bill has gone up again by {money} with no warning',
    'overcharged AGAIN by {brand}. {money} extra on this month\'s bill for "usage" I didn\'t use',
    'why is my {brand} bill {money} when my plan is supposed to be {money}??',
    'The {brand} billing system is a shambles. {fume}',
    '{brand} charging a {money} "admin fee" for paying by card. Seriously?',
    '{brand} sneaking extra charges onto the invoice every month {emoji_neg}',
    'opened my {brand} bill and nearly fell off my chair',
    '{brand} bills are impossible to understand. what is "service adjustment {money}"?',
  ],
  failure: {
    chasing_progress: [
      '{handle} still waiting for the billing team to call me back about the overcharge. {duration} now',
      'any update on my billing dispute {brand}? {ticket}',
      'still no answer from {brand} about why I was charged {money}. {duration} of waiting',
    ],
    repeat_contact: [
      '{ordinal} time I\'ve had to ring {brand} about the same wrong bill',
      'I\'ve emailed {brand} billing {times} and got the same copy-paste reply each time',
      'contacted {brand} {times} about this invoice. nothing changes',
    ],
    not_fixed: [
      '{brand} said they\'d corrected my bill. New invoice came, same mistake',
      'billing "fixed" last month, charged twice again this month {emoji_neg}',
      'the credit {brand} promised still isn\'t on my bill. still wrong',
    ],
    wrong_information: [
      '{brand} told me the price rise wouldn\'t apply to my contract. Guess what\'s on my bill',
      'you told me there\'d be no charge for the engineer, now there\'s {money} on my invoice {handle}',
      'agent said my bill would drop to {money}. it went UP. {brand} which is it',
    ],
    cancellation_refund: [
      '{brand} charged me after I cancelled. I want my {money} back',
      'been double charged by direct debit, when is my refund coming {brand}?',
      'still being billed by {brand} {duration} after cancelling. {fume}',
    ],
    service_failure: [
      '{brand} took my direct debit twice this month and now I\'m overdrawn',
      'payment failed on the {brand} website three times but they still charged my card',
      '{brand} billing error has cost me {money} in bank charges',
    ],
  },
  praise: [
    '{brand} billing team sorted my overcharge in one call and refunded {money}. impressed',
    'nice to get a bill from {brand} that\'s actually lower than last month {emoji_pos}',
    '{brand} spotted I was on the wrong tariff and moved me to a cheaper one. {joy}',
    'clear, simple bill from {brand} this month. more of this please',
  ],
  question: [
    '{brand} when does the price rise come into effect? is it on the {month} bill?',
    'how do I get a paper bill from {brand}?',
    'anyone know why the {brand} direct debit date changed?',
    '{handle} can I change the date my payment comes out?',
    'what is the "{money} adjustment" on my {brand} invoice?',
  ],
  idea: [
    '{brand} you should let us pick our own direct debit date in the app',
    'I wish {brand} bills were itemised properly so I could see what the charges are for',
    'would love a bill breakdown by line on the {brand} account page',
    '{brand} please bring back paper bills as an option for older customers',
    'suggestion for {brand}: warn people before the bill goes up, not after',
  ],
  neutral: [
    '{brand} price rise of {pct} kicks in from April',
    'switching bills to paperless with {brand} today',
    '{brand} moving all customers to monthly invoices from {month}',
    'paid the {brand} bill, onto the next one',
  ],
  mix: { failure: 1.3, complaint: 1.2, praise: 0.6, question: 1.1 },
  failureMix: { cancellation_refund: 2, wrong_information: 2, repeat_contact: 1.5, chasing_progress: 1.5, not_fixed: 1.2, service_failure: 1 },
  spike: {
    service_failure: [
      '{brand} has charged me TWICE this month. checked twitter and it\'s everyone {spike_tag}',
      '{spike_money} taken twice by {brand} today, left me overdrawn {spike_tag}',
      '{brand} double charged everyone?? {spike_money} out twice {spike_tag}',
      'my {brand} direct debit went out twice this morning. {fume} {spike_tag}',
      '{brand} billing error, charged {spike_money} twice {emoji_neg} {spike_tag}',
    ],
    chasing_progress: [
      '{handle} when are you refunding the double charge? {spike_tag}',
      'still waiting on {brand} to explain the double payment {spike_tag}',
    ],
    cancellation_refund: [
      '{brand} I want the duplicate {spike_money} refunded today, not in 5-7 working days {spike_tag}',
      'refund the double charge NOW {brand} {spike_tag}',
    ],
    repeat_contact: ['{ordinal} time calling {brand} about the double charge, can\'t get through {spike_tag}'],
    wrong_information: ['{brand} live chat says there is no double charge. my bank statement says otherwise {spike_tag}'],
    complaint: ['{brand} taking money twice from people before Christmas. {fume} {spike_tag}', 'bank charges because of {brand}\'s billing error {emoji_neg} {spike_tag}'],
    question: ['has {brand} charged anyone else twice? {spike_tag}', '{brand} is the double charge being refunded automatically?'],
  },
  spikeMix: { service_failure: 5, chasing_progress: 1.5, cancellation_refund: 2.5, repeat_contact: 1, wrong_information: 0.7, complaint: 2, question: 1.5 },
  titles: {
    complaint: ['{brand} bill went up again', '{brand} overcharging'],
    failure: ['{brand} billing nightmare', 'Charged after cancelling {brand}'],
    question: ['{brand} bill question', 'What is this charge on my {brand} invoice?'],
    praise: ['{brand} billing actually sorted it'],
    idea: ['{brand} should let us choose the DD date'],
    neutral: ['{brand} price rise from April'],
  },
};

const refunds: TopicBank = {
  id: 'refunds',
  keywords: ['refund', 'money back', 'cancel', 'cancellation', 'cancelled my', 'reimburse', 'compensation', 'return', 'returns'],
  slots: {
    thing: ['refund', 'money back', 'cancellation', 'return', 'reimbursement', 'compensation'],
  },
  complaint: [
    '{brand} refund process is designed to make you give up',
    'Cancelling {brand} is harder than leaving a cult',
    'the {brand} returns portal is a maze. {fume}',
    '{brand} make it so easy to sign up and impossible to leave {emoji_neg}',
    'why does getting my own money back from {brand} take a month',
  ],
  failure: {
    chasing_progress: [
      'Still waiting for my refund from {brand}. {duration} and counting',
      '{handle} where is my refund? {order}, returned {duration} ago',
      'It\'s been {duration} since {brand} promised a refund. Nothing.',
      'still waiting on {brand} to process my return {order} {emoji_neg}',
      '{brand} any update on my refund? {ticket}',
    ],
    repeat_contact: [
      '{ordinal} email to {brand} asking for my money back. No reply to any of them',
      'I\'ve called {brand} {times} about the refund and get told 5-7 working days every time',
      'chased my refund with {brand} {times} now. {fume}',
    ],
    not_fixed: [
      '{brand} said the refund was processed. Bank says nothing has arrived. Back to square one',
      'refund "issued" by {brand} {duration} ago, still not in my account',
    ],
    wrong_information: [
      '{brand} told me I\'d get a full refund, now they\'re saying only half',
      'agent said refunds take 3 days. it\'s been {duration}. you told me 3 days {handle}!',
      '{brand} website says free returns. charged me {money} for the return label',
    ],
    cancellation_refund: [
      '{brand} won\'t let me cancel online, have to call and sit on hold for {shortdur}',
      'Cancelled my {brand} subscription in {month} and they\'re still charging me',
      '{brand} refused my refund because the box was opened. it was faulty!!',
      'trying to cancel {brand} and they keep transferring me to "retentions". I just want to cancel',
      '{brand} refund refused. {money} gone. {fume}',
    ],
    service_failure: [
      '{brand} cancelled my order with no explanation and kept the money',
      '{brand} lost my return parcel and now won\'t refund me',
    ],
  },
  praise: [
    '{brand} refunded me within 24 hours, no questions asked. That\'s how it\'s done {emoji_pos}',
    'easiest cancellation ever with {brand}, took 2 mins in the app',
    '{brand} sent a goodwill credit of {money} without me even asking. {joy}',
    'return dropped off at 10, refund from {brand} landed by 3. brilliant',
  ],
  question: [
    'how long do {brand} refunds usually take?',
    '{brand} can I cancel within the 14 day cooling off period?',
    '{handle} do I need the original box to return something?',
    'does anyone know how to cancel {brand} without calling?',
  ],
  idea: [
    '{brand} you should show refund status in the app',
    'I wish cancelling {brand} was as easy as signing up',
    'would love it if {brand} did instant refunds to store credit',
    '{brand} please add a cancel button to the website',
  ],
  neutral: [
    '{brand} updates its returns policy, refunds now go to the original payment method',
    'returning the {brand} order, wrong size',
    '{brand} extends its returns window to 60 days for Christmas',
  ],
  mix: { failure: 1.8, complaint: 1.1, praise: 0.55, neutral: 0.6 },
  failureMix: { chasing_progress: 3, cancellation_refund: 3, repeat_contact: 1.5, wrong_information: 1.2, not_fixed: 1, service_failure: 0.6 },
  spike: {
    cancellation_refund: [
      '{brand} cancelled everyone\'s orders and now refunds aren\'t coming through {spike_tag}',
      'refunds from {brand} just bounced back?? {spike_tag}',
      '{brand} refused my refund, apparently "system error". {fume} {spike_tag}',
    ],
    chasing_progress: ['still waiting for my refund from {brand}, {spike_elapsed} on hold {spike_tag}', '{handle} where are the refunds? {spike_tag}'],
    repeat_contact: ['{ordinal} call today about my {brand} refund {spike_tag}'],
    service_failure: ['{brand} refund system is down, can\'t process anything {spike_tag}'],
    complaint: ['{brand} holding onto everyone\'s money {emoji_neg} {spike_tag}'],
    question: ['anyone else\'s {brand} refund disappeared? {spike_tag}'],
  },
  spikeMix: { cancellation_refund: 4, chasing_progress: 3, repeat_contact: 1, service_failure: 1.5, complaint: 1.5, question: 1 },
  titles: {
    complaint: ['{brand} refunds are a nightmare'],
    failure: ['Still waiting for {brand} refund', 'Can\'t cancel {brand}'],
    question: ['How long do {brand} refunds take?'],
    praise: ['Fast refund from {brand}'],
    idea: ['{brand} should show refund status'],
    neutral: ['{brand} returns policy change'],
  },
};

const delivery: TopicBank = {
  id: 'delivery',
  keywords: ['delivery', 'deliver', 'parcel', 'package', 'courier', 'order', 'tracking', 'arrived', 'dispatch', 'shipping', 'shipment'],
  slots: {
    thing: ['parcel', 'order', 'package', 'delivery', 'shipment'],
    courier: ['the courier', 'the driver', 'DPD', 'Evri', 'the delivery guy', 'Royal Mail', 'their courier'],
    product: ['trainers', 'air fryer', 'headphones', 'sofa', 'kettle', 'laptop', 'phone case', 'coffee machine', 'desk chair', 'TV'],
  },
  complaint: [
    '{brand} {courier} left my {thing} in the bin. the BIN.',
    '{brand} delivery slot of 7am to 7pm. so useful {emoji_neg}',
    '{thing} from {brand} arrived crushed {emoji_neg}',
    'why does {brand} use the worst courier in the country',
    '{brand} {courier} threw my {product} over the fence {fume}',
    'ordered from {brand} on {weekday}, "next day delivery", still nothing',
  ],
  failure: {
    chasing_progress: [
      '{handle} where is my order? {order}, tracking hasn\'t moved in {duration}',
      'Still waiting for my {brand} delivery. was due {weekday}',
      '{brand} any update on {order}? stuck at "dispatched" for {duration}',
      'still no sign of my {product} from {brand}. {duration} late now',
    ],
    repeat_contact: [
      '{ordinal} time contacting {brand} about a missing {thing}',
      'messaged {brand} {times} about {order}. same "we\'ve escalated it" reply',
    ],
    not_fixed: [
      '{brand} sent a replacement for the damaged one. Replacement also damaged',
      'redelivery booked by {brand}, missed again. still not sorted',
    ],
    wrong_information: [
      '{brand} tracking says delivered. It was not delivered. I\'ve been home all day',
      'told me next day delivery at checkout, now {brand} says {duration}',
      '{brand} said it was left with a neighbour. which neighbour?? none of them have it',
    ],
    cancellation_refund: [
      'tried to cancel my {brand} order before dispatch, they said too late. it\'s been "processing" for {duration}',
      '{brand} won\'t refund the delivery charge even though it came {duration} late',
    ],
    service_failure: [
      '{brand} lost my {thing}. {order}.',
      'delivery cancelled AGAIN by {brand}, no reason given',
      '{brand} {courier} marked it as "failed delivery" without even knocking',
      '{product} from {brand} arrived smashed to pieces',
    ],
  },
  praise: [
    'ordered from {brand} at 10pm, arrived at 8am next morning. wizardry {emoji_pos}',
    '{brand} delivery driver was lovely, carried the {product} upstairs for me',
    'tracking on {brand} orders is spot on, knew exactly when it would turn up',
    '{brand} packaging is so much better now, no more plastic {emoji_pos}',
  ],
  question: [
    'does {brand} deliver on Sundays?',
    '{brand} can I change the delivery address after ordering?',
    'anyone else\'s {brand} order stuck at "dispatched"?',
    '{handle} do you deliver to {city}?',
    'which courier does {brand} use for big items?',
  ],
  idea: [
    '{brand} please add a "leave with neighbour" option',
    'would love to pick a 1-hour delivery window with {brand}',
    'I wish {brand} would let you choose the courier',
    '{brand} you should add parcel locker delivery',
  ],
  neutral: [
    '{brand} order placed for the new {product}, arriving {weekday}',
    '{brand} opens a new distribution centre near {city}',
    '{brand} parcel day {emoji_pos}',
    'last order dates for Christmas from {brand} announced',
  ],
  mix: { failure: 1.35, question: 1.1 },
  failureMix: { chasing_progress: 3, service_failure: 2.5, wrong_information: 1.5, repeat_contact: 1.2, not_fixed: 0.8, cancellation_refund: 0.8 },
  spike: {
    chasing_progress: ['where are all the {brand} orders?? mine stuck since {weekday} {spike_tag}', '{handle} any update on the delivery delays? {spike_tag}', 'still waiting on my {brand} {thing}, tracking frozen {spike_tag}'],
    service_failure: ['{brand} orders not arriving for anyone {spike_tag}', 'every {brand} delivery in {spike_place} cancelled today {spike_tag}', '{brand} lost my parcel, and apparently everyone else\'s {spike_tag}'],
    wrong_information: ['{brand} tracking says delivered, nothing here. same for everyone in {spike_place} {spike_tag}'],
    cancellation_refund: ['cancel my {brand} order and refund me, I\'m done waiting {spike_tag}'],
    complaint: ['{brand} delivery meltdown {emoji_neg} {spike_tag}'],
    question: ['is {brand} delivering today or not? {spike_tag}'],
  },
  spikeMix: { chasing_progress: 3, service_failure: 3, wrong_information: 1.5, cancellation_refund: 1, complaint: 1.5, question: 1 },
  titles: {
    complaint: ['{brand} couriers are the worst'],
    failure: ['{brand} order never arrived', '{brand} lost my parcel'],
    question: ['{brand} delivery times?'],
    praise: ['{brand} next day delivery actually next day'],
    idea: ['{brand} delivery windows suggestion'],
    neutral: ['{brand} new distribution centre'],
  },
};

const app: TopicBank = {
  id: 'app',
  keywords: ['app', 'website', 'login', 'log in', 'password', 'checkout', 'crash', 'update', 'dark mode', 'notification', 'site', 'account'],
  slots: {
    thing: ['app', 'website', 'site', 'login page', 'account page', 'checkout'],
    feature: ['dark mode', 'widgets', 'Apple Pay', 'Google Pay', 'two-factor login', 'Face ID login', 'a usage tracker', 'push notifications for outages', 'split payments', 'an offline mode', 'a proper search'],
  },
  complaint: [
    'the new {brand} app update is awful, everything takes three taps more',
    '{brand} website checkout keeps timing out',
    'why does the {brand} app log me out every single day',
    '{brand} app is so slow it\'s quicker to phone them',
    'who designed the new {brand} website. genuinely unusable {emoji_neg}',
    'the {brand} app drains my battery like nothing else',
    '{brand} login page just spins forever',
  ],
  failure: {
    chasing_progress: [
      'reported the app crash to {brand} support {duration} ago, still no update',
      '{handle} any news on the login bug? still waiting',
    ],
    repeat_contact: [
      '{ordinal} time reinstalling the {brand} app this week',
      'told {brand} {times} that the password reset email never arrives',
    ],
    not_fixed: [
      'still broken after the update {brand}. app crashes on launch',
      'you pushed a fix for the login bug and it still doesn\'t work {handle}',
      '{brand} app crashing again after the latest update {emoji_neg}',
      'updated to v{version} like support said, {brand} app still crashes',
    ],
    wrong_information: [
      '{brand} support told me to update the app to fix it, I\'m already on the latest version',
      'website says I can do it in the app. the app says to use the website. {brand} pick one',
    ],
    cancellation_refund: [
      'there is no cancel button anywhere in the {brand} app. deliberate?',
      '{brand} app charged me for an upgrade I didn\'t tap. want it refunded',
    ],
    service_failure: [
      '{brand} app down? can\'t log in, {code}',
      '{brand} website has been down all morning, can\'t pay my bill',
      'checkout on the {brand} site failed {times}. gave up',
    ],
  },
  praise: [
    'the new {brand} app is actually really slick, love the {feature}',
    '{brand} finally added {feature}! thank you {emoji_pos}',
    'have to say the {brand} website redesign is much easier to use',
    'sorted everything in the {brand} app in 2 minutes. no phone call needed {emoji_pos}',
  ],
  question: [
    'how do I reset my password on the {brand} app?',
    '{brand} is the app down or is it just me?',
    '{handle} does the app support {feature}?',
    'where do I find my account number in the {brand} app?',
    'can you log into the {brand} website with your email instead of the account number?',
  ],
  idea: [
    '{brand} please add {feature} to the app',
    'I wish the {brand} app had {feature}',
    '{brand} you should add {feature}, every other app has it',
    'would love {feature} on the {brand} website',
    'please bring back the old {brand} app layout, the new one is so cluttered',
    'feature request for {brand}: {feature}. take my money',
    '{brand} any chance of {feature} in the next update?',
  ],
  neutral: [
    '{brand} app update v{version} rolling out today',
    '{brand} redesigns its website',
    'downloaded the {brand} app, having a look around',
    '{brand} app now has {feature}',
  ],
  mix: { idea: 2.6, complaint: 1.1, praise: 0.9 },
  failureMix: { not_fixed: 3, service_failure: 2, repeat_contact: 1.2, chasing_progress: 1, wrong_information: 1, cancellation_refund: 0.6 },
  spike: {
    not_fixed: ['{brand} app crashing for everyone after today\'s update {spike_tag}', 'still broken after the update, {brand} app won\'t even open {spike_tag}', 'v{spike_version} of the {brand} app is a disaster, crashes on launch {spike_tag}'],
    service_failure: ['{spike_code} when logging into {brand} {spike_tag}', '{brand} app down? {spike_code} every time {spike_tag}', 'can\'t log in to {brand} at all. {spike_code} {spike_tag}'],
    chasing_progress: ['{handle} any update on the app crash? {spike_tag}'],
    repeat_contact: ['reinstalled the {brand} app {times} this morning, still {spike_code} {spike_tag}'],
    complaint: ['who signed off on this {brand} update {emoji_neg} {spike_tag}'],
    question: ['is the {brand} app down for everyone? {spike_tag}'],
  },
  spikeMix: { not_fixed: 3, service_failure: 3, chasing_progress: 1, repeat_contact: 1, complaint: 1.5, question: 1 },
  titles: {
    complaint: ['New {brand} app is awful'],
    failure: ['{brand} app crashing after update', '{brand} login broken'],
    question: ['{brand} app question'],
    praise: ['{brand} app redesign is good actually'],
    idea: ['Feature request: {brand} app'],
    neutral: ['{brand} app update released'],
  },
};

const customerService: TopicBank = {
  id: 'customer_service',
  keywords: ['customer service', 'support', 'helpline', 'call centre', 'call center', 'on hold', 'agent', 'live chat', 'complaint', 'staff'],
  slots: {
    thing: ['customer service', 'support', 'helpline', 'live chat', 'call centre', 'complaints team'],
  },
  complaint: [
    '{brand} customer service is the worst I\'ve ever dealt with',
    'on hold to {brand} for {shortdur}. the hold music is burned into my brain {emoji_neg}',
    '{brand} live chat agent just closed the chat on me',
    'the {brand} chatbot is useless. just let me talk to a human',
    '{brand} support staff clearly have no training whatsoever',
    'being passed between {brand} departments like a hot potato. {fume}',
  ],
  failure: {
    chasing_progress: [
      '{handle} I was promised a callback within 48 hours. that was {duration} ago',
      'no reply to my complaint email {brand}. {duration}',
      'still waiting for {brand} to respond to my complaint {ticket}',
      '{brand} escalated my case {duration} ago. silence since',
    ],
    repeat_contact: [
      '{ordinal} time explaining the same problem to a different {brand} agent',
      'called {brand} {times} today. passed around departments every time',
      '{ordinal} live chat with {brand} about this. starting from scratch again',
    ],
    not_fixed: [
      '{brand} support closed my ticket as resolved. it is not resolved',
      'agent said it was sorted. {weekday} came, nothing sorted {brand}',
    ],
    wrong_information: [
      'every {brand} agent tells me something different. {agent} said one thing, the next one says the opposite',
      'you told me last week it was sorted {handle}. it isn\'t',
      '{brand} live chat gave me the wrong number to call. twice',
    ],
    cancellation_refund: [
      '{brand} support says I have to phone to cancel, the phone line says use the website',
      'want to complain and cancel, {brand} helpline just keeps me on hold',
    ],
    service_failure: [
      '{brand} helpline hung up on me after {shortdur} on hold',
      '{brand} customer service number just says "we\'re closed" at 2pm on a {weekday}',
    ],
  },
  praise: [
    'shoutout to {agent} on the {brand} live chat, sorted everything in 10 mins {emoji_pos}',
    'rare W for {brand} customer service today',
    '{brand} support actually rang me back when they said they would. shocked',
    '{agent} at {brand} went above and beyond today. {joy}',
    'got through to {brand} in 2 minutes and the agent was lovely',
  ],
  question: [
    '{brand} what are your customer service hours?',
    'is there a {brand} complaints email address?',
    '{handle} can I DM you about my account?',
    'what\'s the number for {brand} support? the website sends me in circles',
  ],
  idea: [
    '{brand} would love a callback option instead of waiting on hold',
    'I wish {brand} had live chat outside 9-5',
    '{brand} you should show the queue time before you put people on hold',
  ],
  neutral: [
    '{brand} opening a new call centre in {city}, 400 jobs',
    '{brand} ranked mid-table in the annual customer service survey',
    'waiting for {brand} to ring back',
  ],
  mix: { failure: 1.45, complaint: 1.3, praise: 0.9, neutral: 0.6 },
  failureMix: { repeat_contact: 3, chasing_progress: 2.5, wrong_information: 2, not_fixed: 1, cancellation_refund: 0.8, service_failure: 0.8 },
  spike: {
    repeat_contact: ['{ordinal} attempt to reach {brand} support today, nobody answers {spike_tag}', 'called {brand} {times}, cut off every time {spike_tag}'],
    service_failure: ['{brand} phone lines are dead, live chat down too {spike_tag}', 'no way to contact {brand} at all today {spike_tag}'],
    chasing_progress: ['{handle} still waiting for anyone to reply {spike_tag}'],
    complaint: ['{brand} have basically stopped answering customers {emoji_neg} {spike_tag}'],
    question: ['is {brand} customer service closed today? {spike_tag}'],
  },
  spikeMix: { repeat_contact: 3, service_failure: 3, chasing_progress: 2, complaint: 1.5, question: 1 },
  titles: {
    complaint: ['{brand} customer service is awful'],
    failure: ['Passed around by {brand} support', 'No reply from {brand} complaints'],
    question: ['How to contact {brand}?'],
    praise: ['Great {brand} support experience'],
    idea: ['{brand} needs a callback option'],
    neutral: ['{brand} customer service rankings'],
  },
};

const pricing: TopicBank = {
  id: 'pricing',
  keywords: ['price', 'pricing', 'plan', 'contract', 'deal', 'discount', 'offer', 'tariff', 'expensive', 'cheap', 'cost', 'subscription'],
  slots: {
    thing: ['price', 'plan', 'contract', 'deal', 'tariff', 'package', 'subscription'],
    plan: ['Unlimited plan', 'Essentials plan', 'Fibre 500 plan', 'Family bundle', 'Student deal', 'Premium tier', 'SIM-only plan', 'Basic tariff'],
  },
  complaint: [
    '{brand} prices up AGAIN. {pct} in a year',
    '{brand} new customers get the deal, loyal customers get the price rise',
    '{brand} is way too expensive for what you get',
    'mid-contract price rises should be illegal. looking at you {brand}',
    '{brand} {plan} costs more than my gym membership {emoji_neg}',
    'the {brand} "deal" is only a deal for 6 months, then it doubles',
  ],
  failure: {
    chasing_progress: ['still waiting for {brand} to apply the discount I was promised {duration} ago'],
    repeat_contact: ['I\'ve asked {brand} {times} for the loyalty discount. same answer every time'],
    not_fixed: ['{brand} said they\'d put me back on my old {thing}. still on the new one. still paying more'],
    wrong_information: [
      '{brand} advertised {money} a month, first bill was {money}',
      'the deal I was promised on the phone isn\'t on my contract {handle}',
      'you told me the price was fixed for 24 months {brand}. it went up after 6',
    ],
    cancellation_refund: [
      'want to leave {brand} after the mid-contract price rise, they say I owe {money} to leave',
      'price went up so I\'m cancelling, and {brand} want an exit fee. {fume}',
    ],
    service_failure: ['{brand} put me on the wrong {thing} and I\'ve been paying double for {duration}'],
  },
  praise: [
    '{brand} matched the competitor price without any fuss, staying put {emoji_pos}',
    'honestly {brand} is the best value {thing} I\'ve found',
    'great deal from {brand} on the {plan}',
    'rang {brand} to cancel, came away with a cheaper {thing} and faster speeds. {joy}',
  ],
  question: [
    'is the {brand} {plan} worth it?',
    'does {brand} do a student discount?',
    '{brand} what\'s the cheapest {thing} with no contract?',
    'anyone haggled with {brand} recently? what did you get?',
    '{handle} is the Black Friday offer available to existing customers?',
  ],
  idea: [
    '{brand} should do a social tariff for people on benefits',
    'would love a {brand} plan without the TV bundle',
    '{brand} you should reward loyal customers instead of only new ones',
    'I wish {brand} had a pay-as-you-go option',
  ],
  neutral: [
    '{brand} launches new {plan} at {money} a month',
    'Black Friday: {brand} cuts prices on the {plan}',
    'comparing {brand} and the others for a new contract',
    '{brand} announces annual price rise of {pct}',
  ],
  mix: { neutral: 1.4, question: 1.25, failure: 0.7, complaint: 1.2 },
  failureMix: { wrong_information: 3, cancellation_refund: 2.5, repeat_contact: 1, chasing_progress: 1, not_fixed: 0.7, service_failure: 0.6 },
  spike: {
    complaint: ['{brand} just announced a {spike_pct} price rise. {fume} {spike_tag}', '{spike_pct} price rise from {brand} mid-contract {emoji_neg} {spike_tag}', '{brand} price hike is daylight robbery {spike_tag}'],
    cancellation_refund: ['leaving {brand} over the {spike_pct} rise, and I won\'t pay an exit fee {spike_tag}', 'cancelling {brand} today {spike_tag}'],
    wrong_information: ['{brand} promised no price rises on my contract. now {spike_pct} {spike_tag}'],
    repeat_contact: ['{ordinal} time trying to get {brand} to explain the price rise {spike_tag}'],
    question: ['can I leave {brand} penalty-free after the price rise? {spike_tag}'],
  },
  spikeMix: { complaint: 4, cancellation_refund: 2.5, wrong_information: 2, repeat_contact: 0.7, question: 1.5 },
  titles: {
    complaint: ['{brand} price rise again'],
    failure: ['{brand} mis-sold me a contract'],
    question: ['Is {brand} worth it?'],
    praise: ['Good deal from {brand}'],
    idea: ['{brand} should do a social tariff'],
    neutral: ['{brand} new plans announced'],
  },
};

const productQuality: TopicBank = {
  id: 'product_quality',
  keywords: ['quality', 'broken', 'faulty', 'damaged', 'defective', 'works great', 'battery', 'screen', 'product', 'build'],
  slots: {
    thing: ['quality', 'build quality', 'battery', 'screen'],
    product: ['headphones', 'router', 'phone', 'charger', 'smart speaker', 'tablet', 'kettle', 'air fryer', 'earbuds', 'smartwatch', 'TV box', 'power bank'],
  },
  complaint: [
    '{brand} {product} broke after {duration}. cheap rubbish',
    'the screen on my {brand} {product} cracked on its own',
    'battery on the {brand} {product} lasts about 2 hours. poor',
    'build quality on {brand} stuff has really gone downhill',
    '{brand} {product} feels like a toy. returning it',
    'faulty {brand} {product} out of the box {emoji_neg}',
  ],
  failure: {
    chasing_progress: ['waiting {duration} for {brand} to send a replacement {product}', '{handle} any update on my warranty claim? {ticket}'],
    repeat_contact: ['{ordinal} time sending my {product} back to {brand} for the same fault'],
    not_fixed: [
      '{brand} repaired my {product}, came back with the same fault',
      'replacement {product} is faulty too {brand}. still broken',
      '{brand} {product} still overheating after the "repair"',
    ],
    wrong_information: ['{brand} website said the {product} was waterproof. it is not', 'told the {product} had a 2 year warranty. {brand} now says 1'],
    cancellation_refund: ['{brand} refusing to refund a faulty {product} because it\'s past 30 days', 'want a refund for this defective {product} {brand}, not another replacement'],
    service_failure: ['{brand} {product} arrived damaged, box smashed', 'brand new {brand} {product} dead on arrival'],
  },
  praise: [
    '{brand} {product} works great, best purchase this year',
    'quality on the {brand} {product} is superb for the price {emoji_pos}',
    '2 years on and my {brand} {product} is still going strong',
    'battery life on the {brand} {product} is unreal. days and days',
    'really impressed with the {brand} {product}. {joy}',
    'the {brand} {product} screen is gorgeous',
  ],
  question: [
    'is the {brand} {product} any good?',
    'does the {brand} {product} come with a warranty?',
    '{handle} is the {product} compatible with iPhone?',
    'anyone had the {brand} {product} for a while? how\'s the battery?',
  ],
  idea: [
    '{brand} please make the {product} in {colour}',
    'I wish the {brand} {product} had a longer cable',
    'you should bring back the old {product} {brand}, the new one is worse',
    'would love a {brand} {product} with USB-C',
  ],
  neutral: [
    'unboxing the new {brand} {product}',
    '{brand} recalls batch of {product}s over safety concerns',
    '{brand} {product} review: solid but not spectacular',
    'got the {brand} {product} in the sale',
  ],
  mix: { praise: 1.5, complaint: 1.1, failure: 0.8 },
  failureMix: { not_fixed: 2.5, service_failure: 2, cancellation_refund: 1.5, chasing_progress: 1.2, repeat_contact: 1, wrong_information: 1 },
  spike: {
    service_failure: ['{brand} {product}s catching fire?? {spike_tag}', 'my {brand} {product} died today, seeing loads of the same {spike_tag}'],
    not_fixed: ['{brand} {product} firmware update bricked it {spike_tag}'],
    cancellation_refund: ['{brand} needs to recall the {product} and refund everyone {spike_tag}'],
    complaint: ['{brand} {product} is defective, clearly a bad batch {emoji_neg} {spike_tag}'],
    question: ['is your {brand} {product} overheating too? {spike_tag}'],
  },
  spikeMix: { service_failure: 3, not_fixed: 2, cancellation_refund: 1.5, complaint: 2, question: 1 },
  titles: {
    complaint: ['{brand} quality has dropped'],
    failure: ['Faulty {brand} product again'],
    question: ['{brand} product recommendations?'],
    praise: ['{brand} long-term review: great'],
    idea: ['{brand} product wishlist'],
    neutral: ['{brand} product recall'],
  },
};

/** For a configured topic that matches no bank: generic texts around the topic's own phrases. */
export const GENERIC_BANK: TopicBank = {
  id: 'generic',
  keywords: [],
  slots: {},
  complaint: [
    '{brand} the {thing} situation is a mess',
    'really unhappy with the {thing} from {brand}',
    '{brand} {thing} is terrible lately {emoji_neg}',
    'so fed up with {brand} and their {thing}',
    'not impressed with the {thing} at {brand}. {fume}',
  ],
  failure: {
    chasing_progress: ['still waiting on {brand} to sort the {thing} issue. {duration}', '{handle} any update on my {thing} problem?'],
    repeat_contact: ['{ordinal} time contacting {brand} about {thing}', 'told {brand} {times} about the {thing}'],
    not_fixed: ['{brand} said the {thing} issue was fixed. it\'s not', '{thing} still broken after {brand}\'s fix'],
    wrong_information: ['{brand} told me one thing about the {thing}, now they say another', 'you told me the {thing} would be sorted by {weekday} {handle}'],
    cancellation_refund: ['want a refund over the {thing} fiasco {brand}', 'cancelling {brand} because of the {thing}'],
    service_failure: ['{brand} {thing} failed completely today', '{thing} not working at all {brand}'],
  },
  praise: ['{brand} {thing} is excellent {emoji_pos}', 'really happy with the {thing} from {brand}', 'the {thing} at {brand} has got so much better. {joy}'],
  question: ['how does the {thing} work with {brand}?', '{brand} question about the {thing}', 'anyone know anything about {brand} {thing}?'],
  idea: ['{brand} you should improve the {thing}', 'I wish {brand} did more with the {thing}', 'would love to see changes to the {thing} at {brand}'],
  neutral: ['{brand} announces changes to {thing}', 'reading about the {brand} {thing} news', '{brand} and the {thing}, thoughts?'],
  mix: {},
  failureMix: {},
  spike: {
    service_failure: ['{brand} {thing} broken for everyone today {spike_tag}', 'huge {thing} problem at {brand} right now {spike_tag}'],
    chasing_progress: ['{handle} any update on the {thing} problem? {spike_elapsed} now {spike_tag}'],
    not_fixed: ['{brand} said the {thing} was fixed, still broken {spike_tag}'],
    repeat_contact: ['{ordinal} time contacting {brand} about the {thing} today {spike_tag}'],
    complaint: ['{brand} {thing} chaos {emoji_neg} {spike_tag}'],
    question: ['anyone else having {thing} problems with {brand}? {spike_tag}'],
  },
  spikeMix: { service_failure: 3, chasing_progress: 1.5, not_fixed: 1.5, repeat_contact: 1, complaint: 2, question: 1 },
  titles: {
    complaint: ['{brand} {thing} problems'],
    failure: ['{brand} {thing} still not sorted'],
    question: ['{brand} {thing} question'],
    praise: ['{brand} {thing} is good'],
    idea: ['{brand} {thing} suggestion'],
    neutral: ['{brand} {thing} news'],
  },
};

export const TOPIC_BANKS: readonly TopicBank[] = [connectivity, billing, refunds, delivery, app, customerService, pricing, productQuality];

/** Picks the bank whose keywords best match a configured topic (id, label and phrases). */
export function bankForTopic(topic: { id: string; label: string; phrases: readonly string[] }): TopicBank {
  const byId = TOPIC_BANKS.find((b) => b.id === topic.id);
  if (byId) return byId;
  const words = new Set([topic.id, ...topic.phrases, ...topic.label.toLowerCase().split(/\W+/)].map((w) => w.toLowerCase()));
  let best: TopicBank = GENERIC_BANK;
  let bestScore = 0;
  for (const bank of TOPIC_BANKS) {
    const score = bank.keywords.filter((k) => words.has(k)).length;
    if (score > bestScore) (best = bank), (bestScore = score);
  }
  return bestScore >= 2 ? best : GENERIC_BANK;
}
