package com.sintra.ai;

/**
 * A piece of a streamed answer. The last chunk of a stream carries the token usage when the
 * provider reports it (null otherwise).
 */
public record ChatChunk(String text, Usage usage) {

    public record Usage(int promptTokens, int completionTokens) {

        /** Characters per token for English text with OpenAI's tokenizers, their own rule of thumb. */
        private static final int CHARACTERS_PER_TOKEN = 4;

        public int total() {
            return promptTokens + completionTokens;
        }

        /**
         * A rough count for an answer the provider never reported on, because it was cut short (stopped,
         * interrupted): providers send usage only with a stream's last chunk, yet bill what was sent and written.
         */
        public static Usage estimate(ChatPrompt prompt, String completion) {
            long promptCharacters = prompt.systemPrompt().length() + prompt.userMessage().length()
                    + prompt.history().stream().mapToLong(turn -> turn.content().length()).sum();
            return new Usage(tokens(promptCharacters), tokens(completion.length()));
        }

        private static int tokens(long characters) {
            return (int) Math.min(Integer.MAX_VALUE, (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN);
        }
    }
}
