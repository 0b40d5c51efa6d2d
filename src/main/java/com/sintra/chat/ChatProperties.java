package com.sintra.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxMessageLength     characters a question may have
 * @param passages             passages retrieved from the agent's knowledge bases per question
 * @param recentMessages       the conversation's latest messages sent with each question
 * @param similarQuestions     earlier questions of the conversation closest to this one, sent with their answers
 * @param similarWindow        how many of the conversation's latest messages are searched for similar questions
 * @param historyCharacters    a history message longer than this is cut short in the prompt
 * @param offlineMinScore      passages less similar than this are not quoted by offline answers
 * @param pageSize             messages per page of the message pane
 * @param concurrentQuestions  questions grounded and stored at once; more wait their turn (admission control:
 *                             under a burst, a few at a time finish sooner than all at once, and none
 *                             waits past the database pool's timeout)
 * @param admissionWait        how long a question may wait for its turn before it is refused as busy
 */
@ConfigurationProperties("sintra.chat")
public record ChatProperties(@DefaultValue("8000") int maxMessageLength,
                             @DefaultValue("5") int passages,
                             @DefaultValue("10") int recentMessages,
                             @DefaultValue("3") int similarQuestions,
                             @DefaultValue("1000") int similarWindow,
                             @DefaultValue("4000") int historyCharacters,
                             @DefaultValue("0.2") double offlineMinScore,
                             @DefaultValue("30") int pageSize,
                             @DefaultValue("8") int concurrentQuestions,
                             @DefaultValue("30s") java.time.Duration admissionWait) {
}
