import type { Language } from '#shared/schemas/common.ts';

/**
 * Every interface string of the site, in Albanian (first) and English. Content text (consultations, commitments,
 * meetings) lives in the content files; this catalogue holds only the words around it.
 * `{name}` marks a value filled in by `t(lang, key, { name })`.
 */
export const ui = {
  'site.name': { sq: 'Konsulto', en: 'Konsulto' },
  'site.tagline': {
    sq: 'Konsultime publike për qeverisjen e hapur',
    en: 'Public consultations for open government',
  },
  'site.skip': { sq: 'Kalo te përmbajtja kryesore', en: 'Skip to main content' },
  'site.title': { sq: '{page} · Konsulto', en: '{page} · Konsulto' },
  'nav.label': { sq: 'Navigimi kryesor', en: 'Main navigation' },
  'nav.consultations': { sq: 'Konsultimet', en: 'Consultations' },
  'nav.meetings': { sq: 'Takimet', en: 'Meetings' },
  'nav.breadcrumb': { sq: 'Ku ndodheni', en: 'You are here' },
  'lang.other': { sq: 'English', en: 'Shqip' },
  'footer.about': {
    sq: 'Konsulto është platforma e konsultimit publik për Planin Kombëtar të Veprimit për Qeverisjen e Hapur 2026-2030.',
    en: 'Konsulto is the public consultation platform for the Open Government National Action Plan 2026-2030.',
  },
  'footer.privacy': {
    sq: 'Kjo faqe nuk ngarkon asgjë nga palë të treta dhe nuk publikon të dhëna personale.',
    en: 'This site loads nothing from third parties and publishes no personal data.',
  },

  'home.title': { sq: 'Konsultime publike', en: 'Public consultations' },
  'home.heading': {
    sq: 'Konsultime publike për Planin Kombëtar të Veprimit për Qeverisjen e Hapur 2026-2030',
    en: 'Public consultations on the Open Government National Action Plan 2026-2030',
  },
  'home.intro': {
    sq: 'Lexoni projektangazhimet, jepni mendimin tuaj dhe ndiqni si merren parasysh kontributet. Nuk nevojitet llogari.',
    en: 'Read the draft commitments, give your views and follow how contributions are taken into account. No account is needed.',
  },
  'home.current': { sq: 'Konsultimet aktuale', en: 'Current consultations' },
  'home.noneOpen': {
    sq: 'Nuk ka konsultime të hapura për momentin.',
    en: 'There are no open consultations at the moment.',
  },
  'home.past': { sq: 'Konsultimet e mbyllura', en: 'Closed consultations' },

  'phase.open': { sq: 'E hapur për komente', en: 'Open for comments' },
  'phase.upcoming': { sq: 'Hapet së shpejti', en: 'Opening soon' },
  'phase.closed': { sq: 'E mbyllur', en: 'Closed' },
  'status.archived': { sq: 'Arkivuar', en: 'Archived' },
  'demo.notice': {
    sq: 'Afatet janë zhvendosur për demonstrim, duke u nisur nga {date}.',
    en: 'Dates are shifted for this demo, counting from {date}.',
  },

  'dates.opens': { sq: 'Hapja', en: 'Opens' },
  'dates.closes': { sq: 'Mbyllja', en: 'Closes' },
  'dates.responsesDue': { sq: 'Përgjigjet e arsyetuara deri më', en: 'Reasoned responses by' },
  'dates.dateTime': { sq: '{date}, ora {time}', en: '{date}, {time}' },
  'dates.range': { sq: '{start} – {end}', en: '{start} – {end}' },
  'days.left.one': { sq: 'Edhe {n} ditë', en: '{n} day left' },
  'days.left.other': { sq: 'Edhe {n} ditë', en: '{n} days left' },
  'days.opensIn.one': { sq: 'Hapet pas {n} dite', en: 'Opens in {n} day' },
  'days.opensIn.other': { sq: 'Hapet pas {n} ditësh', en: 'Opens in {n} days' },

  'consultation.timeline': { sq: 'Afatet', en: 'Timeline' },
  'consultation.purpose': { sq: 'Qëllimi i konsultimit', en: 'Purpose of the consultation' },
  'consultation.programme': { sq: 'Rreth planit', en: 'About the plan' },
  'consultation.legalBasis': { sq: 'Baza ligjore', en: 'Legal basis' },
  'consultation.commitments': { sq: 'Projektangazhimet', en: 'Draft commitments' },
  'consultation.meetings': { sq: 'Takimet me prani fizike', en: 'In-person meetings' },

  'commitment.number': { sq: 'Angazhimi {n}', en: 'Commitment {n}' },
  'commitment.version': { sq: 'Versioni {n}', en: 'Version {n}' },
  'commitment.partOf': { sq: 'Pjesë e konsultimit', en: 'Part of the consultation' },
  'commitment.toc': { sq: 'Në këtë faqe', en: 'On this page' },
  'commitment.leadInstitution': { sq: 'Institucioni drejtues', en: 'Lead institution' },
  'commitment.supportingActors': { sq: 'Aktorët mbështetës', en: 'Supporting actors' },
  'commitment.milestone': { sq: 'Hapi', en: 'Milestone' },
  'commitment.period': { sq: 'Periudha', en: 'Period' },
  'commitment.responsible': { sq: 'Përgjegjës', en: 'Responsible' },
  'commitment.milestonesCaption': {
    sq: 'Hapat kryesorë, afatet dhe institucionet përgjegjëse',
    en: 'Milestones, dates and responsible institutions',
  },

  'section.problem': { sq: 'Problemi', en: 'Problem' },
  'section.causes': { sq: 'Shkaqet', en: 'Causes' },
  'section.objective': { sq: 'Objektivi', en: 'Objective' },
  'section.description': { sq: 'Përshkrimi i angazhimit', en: 'Description of the commitment' },
  'section.milestones': { sq: 'Hapat kryesorë', en: 'Milestones' },
  'section.indicators': { sq: 'Treguesit', en: 'Indicators' },
  'section.institutions': { sq: 'Institucionet', en: 'Institutions' },
  'section.ogp-values': { sq: 'Lidhja me vlerat e PQH-së', en: 'Relevance to OGP values' },
  'section.milestone': { sq: 'Hapi: {title}', en: 'Milestone: {title}' },

  'ogp.transparency': { sq: 'Transparenca', en: 'Transparency' },
  'ogp.civic-participation': { sq: 'Pjesëmarrja qytetare', en: 'Civic participation' },
  'ogp.public-accountability': { sq: 'Llogaridhënia publike', en: 'Public accountability' },
  'ogp.technology': { sq: 'Teknologjia dhe inovacioni', en: 'Technology and innovation' },

  'tally.heading': { sq: 'Mbështetja dhe komentet', en: 'Support and comments' },
  'tally.support': { sq: 'Mbështes', en: 'Support' },
  'tally.oppose': { sq: 'Kundër', en: 'Oppose' },
  'tally.neutral': { sq: 'Neutral', en: 'Neutral' },
  'tally.comments': { sq: 'Komente', en: 'Comments' },
  'tally.fallback': {
    sq: 'Numërimi shfaqet kur faqja lidhet me shërbimin.',
    en: 'Counts appear when the page can reach the service.',
  },

  'notFound.title': { sq: 'Faqja nuk u gjet', en: 'Page not found' },
  'notFound.text': {
    sq: 'Faqja që kërkuat nuk ekziston ose është zhvendosur.',
    en: 'The page you asked for does not exist or has moved.',
  },
  'notFound.home': { sq: 'Shkoni te konsultimet', en: 'Go to the consultations' },

  'meetings.title': { sq: 'Takimet me prani fizike', en: 'In-person meetings' },
  'meetings.intro': {
    sq: 'Kontributet e mbledhura në takime regjistrohen pranë atyre të dhëna në internet, që një përmbledhje e vetme t’i mbulojë të dyja.',
    en: 'Input gathered at meetings is recorded beside online input, so that one summary covers both.',
  },
  'meetings.none': { sq: 'Nuk ka ende takime të regjistruara.', en: 'No meetings have been recorded yet.' },
  'meeting.facts': { sq: 'Të dhënat e takimit', en: 'Meeting details' },
  'meeting.date': { sq: 'Data', en: 'Date' },
  'meeting.time': { sq: 'Ora', en: 'Time' },
  'meeting.venue': { sq: 'Vendi', en: 'Venue' },
  'meeting.municipality': { sq: 'Bashkia', en: 'Municipality' },
  'meeting.participants': { sq: 'Pjesëmarrës', en: 'Participants' },
  'meeting.moderator': { sq: 'Moderator', en: 'Moderator' },
  'meeting.guests': { sq: 'Të ftuar', en: 'Guests' },
  'meeting.topic': { sq: 'Tema', en: 'Topic' },
  'meeting.consultation': { sq: 'Konsultimi', en: 'Consultation' },
  'meeting.summary': { sq: 'Përmbledhje', en: 'Summary' },
  'meeting.discussion': { sq: 'Çështjet e diskutuara', en: 'Points discussed' },
  'meeting.contributions': { sq: 'Kontributet e mbledhura', en: 'Contributions gathered' },
  'meeting.contributionFor': { sq: 'Për angazhimin', en: 'On commitment' },
  'meeting.general': { sq: 'Kontribut i përgjithshëm', en: 'General contribution' },
  'meeting.participantCount.one': { sq: '{n} pjesëmarrës', en: '{n} participant' },
  'meeting.participantCount.other': { sq: '{n} pjesëmarrës', en: '{n} participants' },

  'nav.about': { sq: 'Rreth konsultimit', en: 'About taking part' },
  'footer.links': { sq: 'Informacion', en: 'Information' },
  'og.locale': { sq: 'sq_AL', en: 'en_GB' },

  /* Commitment page: live parts (islands) and their static surroundings */
  'live.needsJs': {
    sq: 'Votimi dhe komentimi kërkojnë JavaScript. E gjithë drafti lexohet edhe pa të.',
    en: 'Voting and commenting need JavaScript. The whole draft can be read without it.',
  },
  'live.loading': { sq: 'Po ngarkohet…', en: 'Loading…' },
  'live.unavailable': {
    sq: 'Shërbimi nuk u arrit për momentin. Provoni përsëri pak më vonë.',
    en: 'The service cannot be reached right now. Please try again a little later.',
  },
  'live.upcoming': {
    sq: 'Votimi dhe komentimi hapen më {date}.',
    en: 'Voting and commenting open on {date}.',
  },
  'live.closed': {
    sq: 'Ky konsultim është mbyllur: nuk pranohen më vota dhe komente.',
    en: 'This consultation is closed: votes and comments are no longer accepted.',
  },
  'action.retry': { sq: 'Provo përsëri', en: 'Try again' },
  'action.cancel': { sq: 'Anulo', en: 'Cancel' },
  'action.sending': { sq: 'Po dërgohet…', en: 'Sending…' },
  'errors.network': {
    sq: 'Nuk u lidhëm dot me shërbimin. Teksti juaj është ruajtur në këtë faqe: provoni përsëri.',
    en: 'We could not reach the service. Your text is kept on this page: please try again.',
  },
  'errors.generic': {
    sq: 'Diçka nuk shkoi mirë. Ju lutemi provoni përsëri.',
    en: 'Something went wrong. Please try again.',
  },
  'errors.summary': { sq: 'Kontrolloni fushat e shënuara.', en: 'Please check the marked fields.' },

  'vote.heading': { sq: 'Votoni për këtë projektangazhim', en: 'Vote on this draft commitment' },
  'vote.question': { sq: 'A e mbështetni këtë projektangazhim?', en: 'Do you support this draft commitment?' },
  'vote.support': { sq: 'Mbështes', en: 'Support' },
  'vote.oppose': { sq: 'Kundërshtoj', en: 'Oppose' },
  'vote.neutral': { sq: 'Neutral', en: 'Neutral' },
  'vote.yours': { sq: 'Vota juaj: {choice}.', en: 'Your vote: {choice}.' },
  'vote.none': {
    sq: 'Nuk keni votuar ende. Mund ta ndryshoni ose ta tërhiqni votën sa kohë konsultimi është i hapur.',
    en: 'You have not voted yet. You can change or withdraw your vote while the consultation is open.',
  },
  'vote.withdraw': { sq: 'Tërhiq votën time', en: 'Withdraw my vote' },
  'vote.recorded': { sq: 'Vota juaj u regjistrua: {choice}.', en: 'Your vote was recorded: {choice}.' },
  'vote.withdrawn': { sq: 'Vota juaj u tërhoq.', en: 'Your vote was withdrawn.' },
  'vote.tally': { sq: 'Votat deri tani', en: 'Votes so far' },
  'vote.share': { sq: '{count} ({percent})', en: '{count} ({percent})' },
  'vote.total.one': { sq: 'Gjithsej {n} votë', en: '{n} vote in total' },
  'vote.total.other': { sq: 'Gjithsej {n} vota', en: '{n} votes in total' },
  'vote.anonymous': {
    sq: 'Votat numërohen pa emra. Nuk nevojitet llogari.',
    en: 'Votes are counted without names. No account is needed.',
  },

  'discussion.heading': { sq: 'Diskutimi', en: 'Discussion' },
  'thread.heading': { sq: 'Komentet', en: 'Comments' },
  'thread.sort': { sq: 'Renditja', en: 'Order' },
  'thread.sort.newest': { sq: 'Më të rejat së pari', en: 'Newest first' },
  'thread.sort.agreed': { sq: 'Më të miratuarat së pari', en: 'Most agreed first' },
  'thread.filter': { sq: 'Shfaq komentet për', en: 'Show comments on' },
  'thread.filter.all': { sq: 'Të gjitha pjesët', en: 'All parts' },
  'thread.empty': {
    sq: 'Ende nuk ka komente këtu. Bëhuni i pari që komenton.',
    en: 'No comments here yet. Be the first to comment.',
  },
  'thread.more': { sq: 'Shfaq më shumë komente', en: 'Show more comments' },
  'thread.loaded.one': { sq: 'U shfaq edhe {n} koment.', en: '{n} more comment shown.' },
  'thread.loaded.other': { sq: 'U shfaqën edhe {n} komente.', en: '{n} more comments shown.' },
  'heat.count.one': { sq: '{n} koment', en: '{n} comment' },
  'heat.count.other': { sq: '{n} komente', en: '{n} comments' },
  'heat.atLeast': { sq: '{n}+ komente', en: '{n}+ comments' },
  'heat.about': { sq: 'për pjesën “{section}”', en: 'on “{section}”' },

  'comment.anonymous': { sq: 'Pjesëmarrës anonim', en: 'Anonymous participant' },
  'comment.on': { sq: 'Për: {section}', en: 'On: {section}' },
  'comment.deleted': { sq: 'Ky koment u fshi nga autori i tij.', en: 'Its author deleted this comment.' },
  'comment.reactions': { sq: 'Mendimi juaj për këtë koment', en: 'Your view of this comment' },
  'reaction.agree': { sq: 'Pajtohem', en: 'Agree' },
  'reaction.disagree': { sq: 'Nuk pajtohem', en: 'Disagree' },
  'reaction.pass': { sq: 'Pa mendim', en: 'Pass' },
  'comment.reply': { sq: 'Përgjigju', en: 'Reply' },
  'comment.replies.one': { sq: 'Shfaq {n} përgjigje', en: 'Show {n} reply' },
  'comment.replies.other': { sq: 'Shfaq {n} përgjigje', en: 'Show {n} replies' },
  'comment.repliesHide': { sq: 'Fshih përgjigjet', en: 'Hide replies' },
  'comment.repliesMore': { sq: 'Shfaq më shumë përgjigje', en: 'Show more replies' },
  'comment.repliesLabel': { sq: 'Përgjigjet për {name}', en: 'Replies to {name}' },
  'comment.report': { sq: 'Raporto', en: 'Report' },
  'comment.reported': {
    sq: 'Faleminderit. Një moderator do ta shqyrtojë këtë koment.',
    en: 'Thank you. A moderator will review this comment.',
  },
  'report.reason': { sq: 'Pse po e raportoni?', en: 'Why are you reporting it?' },
  'report.reason.spam': { sq: 'Reklamë ose mesazh i padëshiruar', en: 'Spam or advertising' },
  'report.reason.abuse': { sq: 'Fyerje ose ngacmim', en: 'Insults or harassment' },
  'report.reason.hate': { sq: 'Gjuhë urrejtjeje', en: 'Hate speech' },
  'report.reason.personal-data': {
    sq: 'Përmban të dhëna personale',
    en: 'Contains personal data',
  },
  'report.reason.off-topic': { sq: 'Jashtë teme', en: 'Off topic' },
  'report.reason.misinformation': { sq: 'Informacion i rremë', en: 'False information' },
  'report.reason.other': { sq: 'Tjetër', en: 'Other' },
  'report.note': { sq: 'Hollësi (jo e detyrueshme)', en: 'Details (optional)' },
  'report.send': { sq: 'Dërgo raportimin', en: 'Send report' },

  'form.heading': { sq: 'Shtoni komentin tuaj', en: 'Add your comment' },
  'form.section': { sq: 'Për cilën pjesë është komenti?', en: 'Which part is your comment about?' },
  'form.whole': { sq: 'I gjithë angazhimi', en: 'The whole commitment' },
  'form.body': { sq: 'Komenti juaj', en: 'Your comment' },
  'form.bodyHint': {
    sq: 'Deri në 2 000 shenja. Komentet janë publike: mos shkruani të dhëna personale si numra telefoni ose adresa.',
    en: 'Up to 2,000 characters. Comments are public: please do not include personal data such as phone numbers or addresses.',
  },
  'form.required': { sq: 'Shkruani komentin para se ta dërgoni.', en: 'Write your comment before sending it.' },
  'form.submit': { sq: 'Publiko komentin', en: 'Publish comment' },
  'form.published': { sq: 'Komenti juaj u publikua.', en: 'Your comment is published.' },
  'form.pending': {
    sq: 'Faleminderit. Komenti juaj do të shfaqet pasi ta shqyrtojë një moderator.',
    en: 'Thank you. Your comment will appear once a moderator has reviewed it.',
  },
  'reply.body': { sq: 'Përgjigjja juaj për {name}', en: 'Your reply to {name}' },
  'reply.submit': { sq: 'Publiko përgjigjen', en: 'Publish reply' },
  'reply.published': { sq: 'Përgjigjja juaj u publikua.', en: 'Your reply is published.' },

  'profile.summary': { sq: 'Rreth jush (opsionale)', en: 'About you (optional)' },
  'profile.why': {
    sq: 'Pse pyesim: hartuesit duan të dinë cilat grupe dhe vende morën pjesë, p.sh. sa të rinj nga Elbasani. Asnjë fushë nuk është e detyrueshme. Publikohet vetëm emri që zgjidhni të shfaqet; pjesa tjetër përdoret vetëm në statistika anonime.',
    en: 'Why we ask: the drafters want to know which groups and places took part, for example how many young people from Elbasan. Nothing here is required. Only a display name, if you choose one, is published; the rest is used only in anonymous statistics.',
  },
  'profile.displayName': { sq: 'Emri që shfaqet', en: 'Display name' },
  'profile.displayNameHint': {
    sq: 'Shfaqet pranë komenteve tuaja. Lëreni bosh për të komentuar në mënyrë anonime.',
    en: 'Shown with your comments. Leave it empty to comment anonymously.',
  },
  'profile.stakeholderType': { sq: 'Merrni pjesë si', en: 'You take part as' },
  'profile.municipality': { sq: 'Bashkia', en: 'Municipality' },
  'profile.ageBand': { sq: 'Grupmosha', en: 'Age group' },
  'profile.notSay': { sq: 'Nuk dua ta them', en: 'Prefer not to say' },
  'stakeholder.citizen': { sq: 'Qytetar/e', en: 'Citizen' },
  'stakeholder.youth': { sq: 'I/e ri/e', en: 'Young person' },
  'stakeholder.ngo': { sq: 'Organizatë e shoqërisë civile', en: 'Civil-society organisation' },
  'stakeholder.local-government': { sq: 'Pushtet vendor', en: 'Local government' },
  'stakeholder.kvsp-member': { sq: 'Anëtar/e i/e KVSP-së', en: 'Local Public Safety Council member' },
  'stakeholder.police': { sq: 'Policia', en: 'Police' },
  'stakeholder.academia': { sq: 'Akademia', en: 'Academia' },
  'stakeholder.business': { sq: 'Biznes', en: 'Business' },
  'stakeholder.media': { sq: 'Media', en: 'Media' },
  'stakeholder.other': { sq: 'Tjetër', en: 'Other' },
  'age.under-18': { sq: 'Nën 18 vjeç', en: 'Under 18' },
  'age.18-24': { sq: '18–24 vjeç', en: '18–24' },
  'age.25-34': { sq: '25–34 vjeç', en: '25–34' },
  'age.35-49': { sq: '35–49 vjeç', en: '35–49' },
  'age.50-64': { sq: '50–64 vjeç', en: '50–64' },
  'age.65-plus': { sq: '65 vjeç e lart', en: '65 and over' },

  /* Information pages */
  'info.privacy': { sq: 'Njoftimi për privatësinë', en: 'Privacy notice' },
  'info.accessibility': { sq: 'Deklarata e aksesueshmërisë', en: 'Accessibility statement' },
  'info.howUsed': { sq: 'Si përdoret kontributi juaj', en: 'How your input is used' },

  'privacy.intro': {
    sq: 'Për të marrë pjesë në Konsulto nuk nevojitet llogari, email apo numër telefoni. Ky njoftim shpjegon çfarë ruajmë, çfarë publikojmë dhe çfarë nuk publikojmë kurrë.',
    en: 'Taking part in Konsulto needs no account, email address or phone number. This notice explains what we keep, what we publish and what we never publish.',
  },
  'privacy.keep.heading': { sq: 'Çfarë ruajmë', en: 'What we keep' },
  'privacy.keep.p1': {
    sq: 'Kur votoni ose komentoni për herë të parë, shfletuesi juaj merr një cookie (“konsulto_participant”) me një numër të rastësishëm të nënshkruar. Ai na lejon t’ju njohim si të njëjtin pjesëmarrës, që të keni një votë të vetme për çdo angazhim dhe ta ndryshoni. Nuk përmban emrin tuaj dhe skadon pas një viti.',
    en: 'When you vote or comment for the first time, your browser receives a cookie (“konsulto_participant”) holding a signed random number. It lets us recognise you as the same participant, so that you have one vote per commitment and can change it. It contains no name and expires after one year.',
  },
  'privacy.keep.p2': {
    sq: 'Ruajmë votat, komentet, përgjigjet, reagimet dhe raportimet tuaja, si dhe profilin opsional që zgjidhni të plotësoni (emri që shfaqet, lloji i pjesëmarrësit, bashkia, grupmosha).',
    en: 'We keep your votes, comments, replies, reactions and reports, and the optional profile you choose to fill in (display name, type of participant, municipality, age group).',
  },
  'privacy.keep.p3': {
    sq: 'Adresën IP nuk e ruajmë: përdorim vetëm një gjurmë të koduar të saj për disa minuta, për të kufizuar abuzimet (shumë kërkesa nga i njëjti burim). Regjistrat teknikë përmbajnë identifikues, adresa të shërbimit, kode statusi dhe kohëzgjatje, kurrë tekstin që dërgoni, emra, adresa IP apo cookie.',
    en: 'We do not store your IP address: only a keyed hash of it is used for a few minutes to limit abuse (too many requests from one source). Technical logs hold identifiers, service addresses, status codes and durations, never the text you send, names, IP addresses or cookies.',
  },
  'privacy.publish.heading': { sq: 'Çfarë publikojmë', en: 'What we publish' },
  'privacy.publish.p1': {
    sq: 'Publikohen teksti i komenteve dhe i përgjigjeve, data e tyre dhe emri që shfaqet vetëm nëse e keni zgjedhur ju. Votat dhe reagimet publikohen vetëm si numra. Profili përdoret vetëm në statistika të grupuara, pa emra, në raportin e konsultimit.',
    en: 'The text of comments and replies is published with its date, and with a display name only if you chose one. Votes and reactions are published only as counts. The profile is used only in grouped statistics, without names, in the consultation report.',
  },
  'privacy.publish.p2': {
    sq: 'Nuk publikojmë kurrë emaile, të dhëna kontakti, adresa IP apo identifikuesin tuaj. Kjo faqe nuk ngarkon asgjë nga palë të treta: nuk ka reklama, gjurmues apo rrjete sociale të ngulitura.',
    en: 'We never publish email addresses, contact details, IP addresses or your identifier. This site loads nothing from third parties: no advertising, trackers or embedded social networks.',
  },
  'privacy.proposals.heading': { sq: 'Propozimet e organizatave', en: 'Proposals from organisations' },
  'privacy.proposals.p1': {
    sq: 'Organizatat që dërgojnë propozime japin emrin e organizatës dhe një kontakt. Kontakti përdoret vetëm nga grupi i punës për t’u përgjigjur dhe nuk publikohet kurrë. Lidhja e dëftesës është private: kushdo që e ka mund të shohë gjendjen e propozimit.',
    en: 'Organisations that submit proposals give the organisation’s name and a contact. The contact is used only by the working group to reply and is never published. The receipt link is private: anyone who has it can see the proposal’s status.',
  },
  'privacy.rights.heading': { sq: 'Të drejtat tuaja', en: 'Your rights' },
  'privacy.rights.p1': {
    sq: 'Mund ta ndryshoni ose ta fshini profilin tuaj në çdo kohë nga formulari i komentit. Te faqja “Të dhënat e mia” shihni çfarë ruhet për ju dhe mund t’i fshini të gjitha: profili fshihet, komentet mbeten pa lidhje me ju dhe votat ruhen vetëm si numra anonimë, që rezultati i konsultimit të mbetet i saktë.',
    en: 'You can change or clear your profile at any time from the comment form. On the “My data” page you can see what is kept about you and erase all of it: your profile is deleted, your comments are no longer linked to you and your votes are kept only as anonymous counts, so that the consultation’s result stays exact.',
  },
  'privacy.rights.p2': {
    sq: 'Të dhënat përpunohen sipas legjislacionit shqiptar për mbrojtjen e të dhënave personale. Mund t’i drejtoheni Komisionerit për të Drejtën e Informimit dhe Mbrojtjen e të Dhënave Personale.',
    en: 'Data is processed under Albanian personal data protection law. You may turn to the Commissioner for the Right to Information and Personal Data Protection.',
  },

  'a11y.intro': {
    sq: 'Konsulto duhet të jetë i përdorshëm nga të gjithë: nga telefoni më i thjeshtë, me tastierë, me lexues ekrani ose me zmadhim.',
    en: 'Konsulto must be usable by everyone: on a basic phone, with a keyboard, with a screen reader or with zoom.',
  },
  'a11y.standard.heading': { sq: 'Standardi', en: 'Standard' },
  'a11y.standard.p1': {
    sq: 'Synojmë përputhjen me Udhëzimet për Aksesueshmërinë e Përmbajtjes në Ueb (WCAG) 2.2, niveli AA. Faqet janë HTML i thjeshtë që lexohet edhe pa JavaScript; vetëm votimi dhe komentimi kërkojnë JavaScript.',
    en: 'We aim to conform to the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Pages are plain HTML that can be read without JavaScript; only voting and commenting need JavaScript.',
  },
  'a11y.tested.heading': { sq: 'Si e kontrollojmë', en: 'How we check' },
  'a11y.tested.p1': {
    sq: 'Çdo ndryshim i faqes kontrollohet automatikisht në shfletuesin Chromium: çdo faqe skanohet me axe-core (zero shkelje të lejuara), edhe pas votimit dhe komentimit; faqet provohen në gjerësi 360 piksel pa lëvizje horizontale; butonat janë të paktën 44 piksel; ngjyrat plotësojnë kontrastin AA.',
    en: 'Every change to the site is checked automatically in the Chromium browser: every page is scanned with axe-core (zero violations allowed), also after voting and commenting; pages are tried at 360 pixels wide without horizontal scrolling; buttons are at least 44 pixels; colours meet AA contrast.',
  },
  'a11y.limits.heading': { sq: 'Kufizime të njohura', en: 'Known limitations' },
  'a11y.limits.p1': {
    sq: 'Kur një tekst nuk është përkthyer ende në anglisht, shfaqet origjinali shqip, i shënuar si i tillë që lexuesit e ekranit ta lexojnë me zërin e duhur. Dokumentet PDF të ngarkuara nga organizatat mund të mos jenë të aksesueshme.',
    en: 'Where a text has not yet been translated into English, the Albanian original is shown, marked as such so that screen readers read it with the right voice. PDF documents uploaded by organisations may not be accessible.',
  },
  'a11y.feedback.heading': { sq: 'Na tregoni', en: 'Tell us' },
  'a11y.feedback.p1': {
    sq: 'Nëse diçka është e vështirë për t’u përdorur, na e tregoni në një koment për çdo projektangazhim (zgjidhni “I gjithë angazhimi”) ose në një takim me prani fizike. Grupi i punës lexon çdo kontribut.',
    en: 'If something is hard to use, tell us in a comment on any draft commitment (choose “The whole commitment”) or at an in-person meeting. The working group reads every contribution.',
  },

  'howUsed.intro': {
    sq: 'Çdo votë, koment dhe propozim lexohet nga grupi i punës që harton Planin Kombëtar të Veprimit për Qeverisjen e Hapur. Ja çfarë ndodh me to.',
    en: 'Every vote, comment and proposal is read by the working group that drafts the Open Government National Action Plan. This is what happens to them.',
  },
  'howUsed.read.heading': { sq: 'Gjatë konsultimit', en: 'During the consultation' },
  'howUsed.read.p1': {
    sq: 'Komentet publikohen menjëherë ose pas shqyrtimit nga një moderator, sipas rregullit të konsultimit. Moderatorët fshehin vetëm komentet që shkelin rregullat (fyerje, të dhëna personale, reklama) dhe shënojnë arsyen. Kontributet nga takimet me prani fizike, si ai i Elbasanit, regjistrohen pranë atyre në internet.',
    en: 'Comments are published at once or after a moderator has reviewed them, depending on the consultation’s rule. Moderators hide only comments that break the rules (insults, personal data, advertising) and record why. Input from in-person meetings, such as the one in Elbasan, is recorded beside the online input.',
  },
  'howUsed.response.heading': { sq: 'Përgjigjja e arsyetuar', en: 'The reasoned response' },
  'howUsed.response.p1': {
    sq: 'Pas mbylljes, hartuesit i japin çdo kontributi një vendim: pranuar, pranuar pjesërisht, nuk pranohet, jashtë temës ose i bashkuar me një kontribut të ngjashëm, gjithmonë me një arsyetim. Kështu e kërkojnë Ligji nr. 146/2014 “Për njoftimin dhe konsultimin publik” dhe Standardi 4 i Bashkëkrijimit të PQH-së.',
    en: 'After closing, the drafters give every contribution a decision: accepted, partially accepted, not accepted, out of scope or merged with a similar one, always with a justification. Law No. 146/2014 “On public notification and consultation” and OGP Co-Creation Standard 4 require this.',
  },
  'howUsed.report.heading': { sq: 'Raporti publik', en: 'The public report' },
  'howUsed.report.p1': {
    sq: 'Raporti i konsultimit publikohet në këtë faqe deri në datën e treguar te çdo konsultim. Ai përmban numrat e votave, përmbledhjen e komenteve dhe përgjigjen për secilin kontribut, pa të dhëna personale. Versioni përfundimtar i angazhimeve përfshihet në planin që Shqipëria i paraqet Partneritetit për Qeverisje të Hapur.',
    en: 'The consultation report is published on this site by the date shown on each consultation. It contains the vote counts, a summary of the comments and the response to each contribution, without personal data. The final commitments go into the plan that Albania submits to the Open Government Partnership.',
  },

  /* Proposals from organisations */
  'consultation.proposals': { sq: 'Propozimet e organizatave', en: 'Proposals from organisations' },
  'consultation.proposalsIntro': {
    sq: 'Organizatat e shoqërisë civile mund të propozojnë një angazhim të ri ose ndryshime në një projektangazhim, sipas modelit të angazhimeve të PQH-së.',
    en: 'Civil-society organisations can propose a new commitment or changes to a draft commitment, following the OGP commitment template.',
  },
  'consultation.propose': { sq: 'Dërgoni një propozim', en: 'Submit a proposal' },
  'consultation.proposalsList': { sq: 'Propozimet e publikuara', en: 'Published proposals' },
  'proposals.intro': {
    sq: 'Propozimet shfaqen këtu pasi i shqyrton një moderator. Kontaktet e organizatave nuk publikohen kurrë.',
    en: 'Proposals appear here once a moderator has reviewed them. Organisations’ contacts are never published.',
  },
  'proposals.empty': { sq: 'Ende nuk ka propozime të publikuara.', en: 'No proposals have been published yet.' },
  'proposals.more': { sq: 'Shfaq më shumë propozime', en: 'Show more proposals' },
  'proposals.by': { sq: 'Nga {organisation}', en: 'From {organisation}' },
  'proposals.amends': { sq: 'Ndryshon: {commitment}', en: 'Amends: {commitment}' },
  'proposals.submitted': { sq: 'Dërguar më {date}', en: 'Submitted on {date}' },
  'proposals.files': { sq: 'Dokumentet', en: 'Documents' },
  'proposalKind.new-commitment': { sq: 'Angazhim i ri', en: 'New commitment' },
  'proposalKind.amendment': { sq: 'Ndryshim i një projektangazhimi', en: 'Amendment to a draft commitment' },
  'proposalStatus.received': { sq: 'Marrë', en: 'Received' },
  'proposalStatus.under-review': { sq: 'Në shqyrtim', en: 'Under review' },
  'proposalStatus.answered': { sq: 'Me përgjigje', en: 'Answered' },

  'pform.title': { sq: 'Dërgoni një propozim', en: 'Submit a proposal' },
  'pform.intro': {
    sq: 'Për organizatat e shoqërisë civile: propozoni një angazhim të ri ose ndryshime në një projektangazhim, sipas modelit të angazhimeve të PQH-së. Drafti ruhet në këtë shfletues, që një rifreskim i faqes të mos humbasë asgjë.',
    en: 'For civil-society organisations: propose a new commitment or changes to a draft commitment, following the OGP commitment template. Your draft is kept in this browser, so reloading the page loses nothing.',
  },
  'pform.needsJs': {
    sq: 'Formulari i propozimit kërkon JavaScript.',
    en: 'The proposal form needs JavaScript.',
  },
  'pform.steps': { sq: 'Hapat e formularit', en: 'Steps of the form' },
  'pform.stepOf': { sq: 'Hapi {n} nga {total}: {name}', en: 'Step {n} of {total}: {name}' },
  'pform.step.organisation': { sq: 'Organizata', en: 'Organisation' },
  'pform.step.proposal': { sq: 'Propozimi', en: 'Proposal' },
  'pform.step.plan': { sq: 'Plani', en: 'Plan' },
  'pform.step.documents': { sq: 'Dokumentet', en: 'Documents' },
  'pform.step.review': { sq: 'Rishikimi dhe dërgimi', en: 'Review and send' },
  'pform.next': { sq: 'Vazhdo', en: 'Continue' },
  'pform.back': { sq: 'Kthehu', en: 'Back' },
  'pform.draftRestored': {
    sq: 'Vazhduat draftin e ruajtur në këtë shfletues.',
    en: 'You are continuing the draft kept in this browser.',
  },
  'pform.startOver': { sq: 'Fillo nga e para', en: 'Start over' },
  'pform.required': { sq: 'Kjo fushë është e detyrueshme.', en: 'This field is required.' },
  'pform.tooShort': { sq: 'Shkruani të paktën {n} shenja.', en: 'Write at least {n} characters.' },
  'pform.email': { sq: 'Shkruani një adresë emaili të vlefshme.', en: 'Enter a valid email address.' },
  'pform.dates': {
    sq: 'Data e përfundimit nuk mund të jetë para fillimit.',
    en: 'The end date cannot be before the start date.',
  },
  'pform.chooseValue': { sq: 'Zgjidhni të paktën një.', en: 'Choose at least one.' },
  'pform.optional': { sq: '(jo e detyrueshme)', en: '(optional)' },
  'pform.org.name': { sq: 'Emri i organizatës', en: 'Name of the organisation' },
  'pform.org.nameHint': {
    sq: 'Publikohet bashkë me propozimin, pasi ta miratojë një moderator.',
    en: 'Published with the proposal once a moderator has approved it.',
  },
  'pform.org.type': { sq: 'Lloji i organizatës', en: 'Type of organisation' },
  'pform.org.municipality': { sq: 'Ku vepron organizata', en: 'Where the organisation works' },
  'pform.national': { sq: 'Në shkallë kombëtare', en: 'Nationwide' },
  'pform.org.registration': { sq: 'Numri i regjistrimit', en: 'Registration number' },
  'pform.org.registrationHint': {
    sq: 'NIPT-i ose numri i vendimit të gjykatës. Nuk publikohet.',
    en: 'Tax or court registration number. Not published.',
  },
  'pform.contact': { sq: 'Personi i kontaktit', en: 'Contact person' },
  'pform.contactHint': {
    sq: 'Përdoret vetëm nga grupi i punës për t’ju kontaktuar; nuk publikohet kurrë.',
    en: 'Used only by the working group to contact you; never published.',
  },
  'pform.contact.name': { sq: 'Emri dhe mbiemri', en: 'Full name' },
  'pform.contact.email': { sq: 'Email', en: 'Email' },
  'pform.contact.phone': { sq: 'Telefoni', en: 'Phone' },
  'orgType.ngo': { sq: 'Organizatë joqeveritare', en: 'Non-governmental organisation' },
  'orgType.association': { sq: 'Shoqatë', en: 'Association' },
  'orgType.foundation': { sq: 'Fondacion', en: 'Foundation' },
  'orgType.academic': { sq: 'Institucion akademik ose kërkimor', en: 'Academic or research institution' },
  'orgType.business-association': { sq: 'Shoqatë biznesi', en: 'Business association' },
  'orgType.informal-youth-group': { sq: 'Grup joformal të rinjsh', en: 'Informal youth group' },
  'orgType.other': { sq: 'Tjetër', en: 'Other' },
  'pform.kind': { sq: 'Çfarë propozoni?', en: 'What are you proposing?' },
  'pform.kind.new-commitment': { sq: 'Një angazhim të ri', en: 'A new commitment' },
  'pform.kind.amendment': { sq: 'Ndryshime në një projektangazhim', en: 'Changes to a draft commitment' },
  'pform.commitment': { sq: 'Projektangazhimi që ndryshoni', en: 'The draft commitment you want to change' },
  'pform.choose': { sq: 'Zgjidhni…', en: 'Choose…' },
  'pform.section': { sq: 'Pjesa që ndryshoni', en: 'The part you want to change' },
  'pform.titleField': { sq: 'Titulli i propozimit', en: 'Title of the proposal' },
  'pform.titleHint': {
    sq: 'Një fjali që e përmbledh, p.sh. “Takime të hapura të KVSP-së çdo tremujor”.',
    en: 'One sentence that sums it up, e.g. “Open KVSP meetings every quarter”.',
  },
  'pform.problem': { sq: 'Problemi', en: 'Problem' },
  'pform.problemHint': {
    sq: 'Cili problem publik trajtohet? Kë prek dhe nga e dini? Të paktën 20 shenja.',
    en: 'Which public problem does it address? Whom does it affect, and how do you know? At least 20 characters.',
  },
  'pform.causes': { sq: 'Shkaqet', en: 'Causes' },
  'pform.causesHint': { sq: 'Pse ekziston problemi?', en: 'Why does the problem exist?' },
  'pform.objective': { sq: 'Objektivi', en: 'Objective' },
  'pform.objectiveHint': {
    sq: 'Çfarë do të ndryshojë, konkretisht, kur të zbatohet angazhimi? Të paktën 20 shenja.',
    en: 'What exactly will change once the commitment is carried out? At least 20 characters.',
  },
  'pform.expectedResults': { sq: 'Rezultatet e pritura', en: 'Expected results' },
  'pform.expectedResultsHint': {
    sq: 'Si do ta kuptojnë qytetarët që ndryshimi ndodhi?',
    en: 'How will citizens be able to tell that the change happened?',
  },
  'pform.milestones': { sq: 'Hapat kryesorë', en: 'Milestones' },
  'pform.milestonesHint': {
    sq: 'Veprimet që e realizojnë angazhimin, me afatet dhe institucionin përgjegjës (1 deri në 10).',
    en: 'The actions that deliver the commitment, with dates and the responsible institution (1 to 10).',
  },
  'pform.milestone': { sq: 'Hapi {n}', en: 'Milestone {n}' },
  'pform.milestone.description': { sq: 'Përshkrimi', en: 'Description' },
  'pform.milestone.start': { sq: 'Fillimi', en: 'Start' },
  'pform.milestone.end': { sq: 'Përfundimi', en: 'End' },
  'pform.milestone.responsible': { sq: 'Përgjegjës', en: 'Responsible' },
  'pform.addMilestone': { sq: 'Shto një hap', en: 'Add a milestone' },
  'pform.removeMilestone': { sq: 'Hiq hapin {n}', en: 'Remove milestone {n}' },
  'pform.indicators': { sq: 'Treguesit', en: 'Indicators' },
  'pform.indicatorsHint': {
    sq: 'Si matet suksesi? P.sh. “Numri i takimeve të hapura në vit”.',
    en: 'How is success measured? E.g. “Number of open meetings a year”.',
  },
  'pform.indicator': { sq: 'Treguesi {n}', en: 'Indicator {n}' },
  'pform.addIndicator': { sq: 'Shto një tregues', en: 'Add an indicator' },
  'pform.removeIndicator': { sq: 'Hiq treguesin {n}', en: 'Remove indicator {n}' },
  'pform.leadInstitution': { sq: 'Institucioni drejtues', en: 'Lead institution' },
  'pform.leadInstitutionHint': {
    sq: 'Institucioni publik përgjegjës për zbatimin.',
    en: 'The public institution responsible for carrying it out.',
  },
  'pform.supportingActors': { sq: 'Aktorët mbështetës', en: 'Supporting actors' },
  'pform.actor': { sq: 'Aktori {n}', en: 'Actor {n}' },
  'pform.addActor': { sq: 'Shto një aktor', en: 'Add an actor' },
  'pform.removeActor': { sq: 'Hiq aktorin {n}', en: 'Remove actor {n}' },
  'pform.ogpValues': { sq: 'Lidhja me vlerat e PQH-së', en: 'Relevance to OGP values' },
  'pform.ogpValuesHint': { sq: 'Zgjidhni një ose më shumë.', en: 'Choose one or more.' },
  'pform.files': { sq: 'Dokumente PDF', en: 'PDF documents' },
  'pform.filesHint': {
    sq: 'Deri në 5 skedarë PDF, secili deri në 10 MB: studime, të dhëna, letra mbështetjeje.',
    en: 'Up to 5 PDF files of up to 10 MB each: studies, data, letters of support.',
  },
  'pform.fileInput': { sq: 'Shtoni një skedar PDF', en: 'Add a PDF file' },
  'pform.uploading': { sq: 'Po ngarkohet: {name}', en: 'Uploading: {name}' },
  'pform.uploaded': { sq: '{name} u ngarkua.', en: '{name} was uploaded.' },
  'pform.removeFile': { sq: 'Hiq {name}', en: 'Remove {name}' },
  'pform.notPdf': { sq: 'Lejohen vetëm skedarë PDF (.pdf).', en: 'Only PDF files (.pdf) are allowed.' },
  'pform.tooBig': { sq: 'Skedari është më i madh se 10 MB.', en: 'The file is larger than 10 MB.' },
  'pform.tooMany': { sq: 'Mund të shtoni deri në 5 skedarë.', en: 'You can add up to 5 files.' },
  'pform.filesPublic': {
    sq: 'Dokumentet mund të publikohen bashkë me propozimin',
    en: 'The documents may be published with the proposal',
  },
  'pform.reviewIntro': {
    sq: 'Kontrolloni propozimin para se ta dërgoni: pas dërgimit nuk ndryshohet më.',
    en: 'Check your proposal before sending it: it cannot be changed once sent.',
  },
  'pform.editStep': { sq: 'Ndrysho: {step}', en: 'Change: {step}' },
  'pform.submit': { sq: 'Dërgo propozimin', en: 'Send the proposal' },
  'pform.sent': { sq: 'Propozimi juaj u dërgua. Faleminderit!', en: 'Your proposal was sent. Thank you!' },
  'pform.receiptHint': {
    sq: 'Ruajeni këtë lidhje: është mënyra e vetme për të ndjekur propozimin dhe përgjigjen e hartuesve, dhe nuk dërgohet më.',
    en: 'Keep this link: it is the only way to follow your proposal and the drafters’ answer, and it is not sent again.',
  },
  'pform.openReceipt': { sq: 'Hapni dëftesën', en: 'Open your receipt' },
  'pform.notOpen': {
    sq: 'Propozimet pranohen vetëm sa kohë konsultimi është i hapur.',
    en: 'Proposals are accepted only while the consultation is open.',
  },
  'pform.none': { sq: '—', en: '—' },

  'receipt.title': { sq: 'Dëftesa e propozimit', en: 'Proposal receipt' },
  'receipt.intro': {
    sq: 'Kjo faqe tregon gjendjen e propozimit që dërguat dhe përgjigjen e hartuesve. Lidhja është private: ndajeni vetëm me kë doni.',
    en: 'This page shows the status of the proposal you sent and the drafters’ answer. The link is private: share it only with whom you choose.',
  },
  'receipt.missing': {
    sq: 'Kjo lidhje dëftese nuk është e plotë ose nuk njihet. Kontrolloni që e keni kopjuar të gjithën.',
    en: 'This receipt link is incomplete or unknown. Check that you copied all of it.',
  },
  'receipt.status': { sq: 'Gjendja', en: 'Status' },
  'receipt.visibility': { sq: 'Publikimi', en: 'Publication' },
  'visibility.pending': { sq: 'Në pritje të moderatorit', en: 'Waiting for a moderator' },
  'visibility.approved': { sq: 'I publikuar në listën e propozimeve', en: 'Published in the list of proposals' },
  'visibility.hidden': { sq: 'Nuk shfaqet publikisht', en: 'Not shown publicly' },
  'receipt.response': { sq: 'Përgjigjja e hartuesve', en: 'The drafters’ answer' },
  'receipt.noResponse': {
    sq: 'Ende pa përgjigje. Kur të jepet, do të shfaqet këtu.',
    en: 'No answer yet. It will appear here once given.',
  },
  'receipt.contact': { sq: 'Kontakti (privat)', en: 'Contact (private)' },
  'disposition.accepted': { sq: 'Pranuar', en: 'Accepted' },
  'disposition.partially-accepted': { sq: 'Pranuar pjesërisht', en: 'Partially accepted' },
  'disposition.not-accepted': { sq: 'Nuk u pranua', en: 'Not accepted' },
  'disposition.out-of-scope': { sq: 'Jashtë objektit të konsultimit', en: 'Out of scope' },
  'disposition.merged': { sq: 'Bashkuar me një kontribut të ngjashëm', en: 'Merged with a similar contribution' },

  /* The participant's own data */
  'info.myData': { sq: 'Të dhënat e mia', en: 'My data' },
  'mydata.intro': {
    sq: 'Çfarë ruan Konsulto për pjesëmarrësin e këtij shfletuesi, dhe si ta fshini.',
    en: 'What Konsulto keeps about the participant using this browser, and how to erase it.',
  },
  'mydata.nothing': {
    sq: 'Nuk ruhet asgjë për ju: nga ky shfletues nuk është dhënë ende asnjë votë apo koment.',
    en: 'Nothing is kept about you: no vote or comment has been given from this browser yet.',
  },
  'mydata.profile': { sq: 'Profili juaj', en: 'Your profile' },
  'mydata.noProfile': { sq: 'Nuk keni plotësuar profil.', en: 'You have not filled in a profile.' },
  'mydata.votes.one': { sq: '{n} votë', en: '{n} vote' },
  'mydata.votes.other': { sq: '{n} vota', en: '{n} votes' },
  'mydata.reactions.one': { sq: '{n} reagim ndaj komenteve', en: '{n} reaction to comments' },
  'mydata.reactions.other': { sq: '{n} reagime ndaj komenteve', en: '{n} reactions to comments' },
  'mydata.contributions': { sq: 'Pjesëmarrja juaj', en: 'Your participation' },
  'mydata.erase': { sq: 'Fshini të dhënat e mia', en: 'Erase my data' },
  'mydata.confirm': {
    sq: 'Profili fshihet, komentet tuaja nuk lidhen më me ju dhe votat mbeten vetëm si numra anonimë. Kjo nuk kthehet pas.',
    en: 'Your profile is deleted, your comments are no longer linked to you and your votes stay only as anonymous counts. This cannot be undone.',
  },
  'mydata.confirmYes': { sq: 'Po, fshiji', en: 'Yes, erase them' },
  'mydata.erased': {
    sq: 'U krye: të dhënat tuaja u fshinë dhe ky shfletues nuk ju njeh më.',
    en: 'Done: your data was erased and this browser no longer identifies you.',
  },
  'profile.none': { sq: '—', en: '—' },
} as const satisfies Record<string, Record<Language, string>>;

export type UiKey = keyof typeof ui;
/** Keys with `.one` / `.other` forms, used through `tn`. */
export type PluralKey = {
  [K in UiKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends UiKey ? Base : never) : never;
}[UiKey];

const LOCALES: Record<Language, string> = { sq: 'sq-AL', en: 'en-GB' };
export const localeOf = (lang: Language): string => LOCALES[lang];

/** The string `key` in `lang`, with `{name}` placeholders replaced from `values`. */
export function t(lang: Language, key: UiKey, values: Record<string, string | number> = {}): string {
  return ui[key][lang].replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = values[name];
    return value === undefined ? match : String(value);
  });
}

/** A counted string: picks `<key>.one` or `<key>.other` by the language's plural rules; `{n}` is the count. */
export function tn(lang: Language, key: PluralKey, n: number): string {
  const form = new Intl.PluralRules(localeOf(lang)).select(n) === 'one' ? 'one' : 'other';
  return t(lang, `${key}.${form}`, { n: new Intl.NumberFormat(localeOf(lang)).format(n) });
}

export const otherLanguage = (lang: Language): Language => (lang === 'sq' ? 'en' : 'sq');
