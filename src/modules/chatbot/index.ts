/** What other modules may use of the chatbot module; everything else in this folder is internal. */
export { ChatbotModule } from './chatbot.module.js';
export { ConversationsService } from './conversations.service.js';
