package com.sintra.brain.api;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.sintra.brain.BrainService;

/** The brain's upload limit in the API's description of adding a document, from the brain's one setting. */
@Configuration
class BrainApiConfiguration {

    private static final String UPLOAD_LIMIT = "{uploadLimit}";

    @Bean
    OperationCustomizer uploadLimitInDescription(BrainService brain) {
        return (operation, handler) -> {
            if (handler.getBeanType() == BrainController.class && operation.getDescription() != null) {
                operation.setDescription(operation.getDescription().replace(UPLOAD_LIMIT, brain.maxDocumentSize()));
            }
            return operation;
        };
    }
}
