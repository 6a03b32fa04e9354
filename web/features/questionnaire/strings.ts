import type { Language } from '@lib/contracts';

/**
 * The tablet's own words around the questionnaire, in each language the patient can choose. (The
 * questions and answers themselves come from the instrument definitions, exactly as published.)
 */
export interface PatientStrings {
  hello: (name: string) => string;
  intro: (count: number) => string;
  questionOf: (n: number, total: number) => string;
  partOf: (n: number, total: number) => string;
  back: string;
  next: string;
  backToReview: string;
  chooseAnswer: string;
  reviewTitle: string;
  reviewIntro: string;
  yourAnswer: string;
  notAnswered: string;
  change: string;
  changeLabel: (n: number) => string;
  send: string;
  sending: string;
  offline: string;
  waiting: string;
  tryAgain: string;
  signedOut: string;
  refused: string;
  thanks: string;
  thanksDetail: string;
  stillThere: string;
  stillThereDetail: (seconds: number) => string;
  stillHere: string;
  /** Before questions a staff member reads aloud (no verified version in this language). */
  handToStaff: string;
}

export const patientStrings: Record<Language, PatientStrings> = {
  en: {
    hello: (name) => `Hello, ${name}`,
    intro: (count) =>
      `Your care team would like you to answer ${count} questions about how you have been feeling. Your answers go only to your care team.`,
    questionOf: (n, total) => `Question ${n} of ${total}`,
    partOf: (n, total) => `Part ${n} of ${total}`,
    back: 'Back',
    next: 'Next',
    backToReview: 'Back to review',
    chooseAnswer: 'Please choose an answer.',
    reviewTitle: 'Check your answers',
    reviewIntro:
      'Tap “Change” to change an answer. When everything looks right, send your answers.',
    yourAnswer: 'Your answer',
    notAnswered: 'Not answered yet',
    change: 'Change',
    changeLabel: (n) => `Change answer to question ${n}`,
    send: 'Send my answers',
    sending: 'Sending…',
    offline:
      'There is no internet connection right now. Your answers are kept on this tablet until they are sent, and it will keep trying.',
    waiting: 'Your answers have not been sent yet.',
    tryAgain: 'Try again',
    signedOut:
      'Your care team needs to sign in again before your answers can be sent. Please hand the tablet to your care team.',
    refused: 'Your answers could not be sent. Please hand the tablet to your care team.',
    thanks: 'Thank you — please hand the tablet back to your care team',
    thanksDetail: 'Your answers have been sent.',
    stillThere: 'Are you still there?',
    stillThereDetail: (seconds) =>
      `To protect your privacy, your answers will be deleted in ${seconds} seconds.`,
    stillHere: 'I’m still here',
    handToStaff:
      'Please hand the tablet to your care team now. A member of the team will ask you the next few questions.',
  },
  es: {
    hello: (name) => `Hola, ${name}`,
    intro: (count) =>
      `Su equipo de atención le pide que responda ${count} preguntas sobre cómo se ha sentido. Sus respuestas solo las verá su equipo de atención.`,
    questionOf: (n, total) => `Pregunta ${n} de ${total}`,
    partOf: (n, total) => `Parte ${n} de ${total}`,
    back: 'Atrás',
    next: 'Siguiente',
    backToReview: 'Volver a la revisión',
    chooseAnswer: 'Por favor, elija una respuesta.',
    reviewTitle: 'Revise sus respuestas',
    reviewIntro:
      'Toque «Cambiar» para cambiar una respuesta. Cuando todo esté bien, envíe sus respuestas.',
    yourAnswer: 'Su respuesta',
    notAnswered: 'Todavía sin respuesta',
    change: 'Cambiar',
    changeLabel: (n) => `Cambiar la respuesta a la pregunta ${n}`,
    send: 'Enviar mis respuestas',
    sending: 'Enviando…',
    offline:
      'No hay conexión a internet en este momento. Sus respuestas se guardan en esta tableta hasta que se envíen, y se seguirá intentando.',
    waiting: 'Sus respuestas todavía no se han enviado.',
    tryAgain: 'Intentar de nuevo',
    signedOut:
      'Su equipo de atención debe volver a iniciar sesión para poder enviar sus respuestas. Por favor, entregue la tableta a su equipo de atención.',
    refused:
      'No se pudieron enviar sus respuestas. Por favor, entregue la tableta a su equipo de atención.',
    thanks: 'Gracias — por favor, devuelva la tableta a su equipo de atención',
    thanksDetail: 'Sus respuestas se enviaron.',
    stillThere: '¿Sigue ahí?',
    stillThereDetail: (seconds) =>
      `Para proteger su privacidad, sus respuestas se borrarán en ${seconds} segundos.`,
    stillHere: 'Sigo aquí',
    handToStaff:
      'Por favor, entregue ahora la tableta a su equipo de atención. Un miembro del equipo le hará las siguientes preguntas.',
  },
};

/** Each language names itself on the first screen. */
export const languageNames: Record<Language, string> = { en: 'English', es: 'Español' };

/** Said in the language itself when an instrument has no published translation in it. */
export const notAvailableIn: Record<Language, string> = {
  en: 'This questionnaire is not available in English yet.',
  es: 'Este cuestionario todavía no está disponible en español.',
};
