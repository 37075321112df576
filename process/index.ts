// The door to the process stage: the classifier and its bus runner.
export { createClassifier, PROCESSING_VERSION, type Classifier, type ClassifierConfig, type ClassifierOptions } from './classifier.js';
export { startProcessStage, PROCESS_GROUP, type ProcessStageOptions } from './stage.js';
export { analyzeText, resetTextAnalysisCaches, type AnalyzedText } from './text.js';
export { detectLanguage, type DetectedLanguage } from './language.js';
export { scoreSentiment, sentimentEvidence, SCORED_LANGUAGES, type SentimentEvidence, type SentimentScore } from './sentiment.js';
export { risingTerms, logLikelihood, type RisingTerm, type RisingTermsOptions, type TermCount } from './emerging.js';
