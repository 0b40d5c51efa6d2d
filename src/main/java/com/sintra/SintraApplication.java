package com.sintra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SintraApplication {

    public static void main(String[] args) {
        SpringApplication.run(SintraApplication.class, args);
    }
}
