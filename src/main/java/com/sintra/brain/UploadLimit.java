package com.sintra.brain;

import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import jakarta.servlet.MultipartConfigElement;

/**
 * The servlet's multipart limit, in place of {@code spring.servlet.multipart.max-file-size}: the brain's
 * document limit, so that one setting ({@code sintra.brain.max-document-bytes}) limits uploads everywhere.
 * Bigger uploads are refused by Tomcat before they reach Sintra (the API answers 413). Here, not in
 * {@code brain.api}, because the web server needs it before the brain's service can be made.
 */
@Configuration
class UploadLimit {

    /** The form's other fields (ids, tags, category) around the file. */
    private static final DataSize FORM_FIELDS = DataSize.ofMegabytes(1);

    @Bean
    MultipartConfigElement multipartConfigElement(BrainProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(DataSize.ofBytes(properties.maxDocumentBytes()));
        factory.setMaxRequestSize(DataSize.ofBytes(properties.maxDocumentBytes() + FORM_FIELDS.toBytes()));
        return factory.createMultipartConfig();
    }
}
