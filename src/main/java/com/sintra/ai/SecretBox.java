package com.sintra.ai;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import com.sintra.base.InvalidInputException;

/**
 * Encrypts providers' API keys with AES-256-GCM under SINTRA_SECRET_KEY (base64 of 32 bytes), which lives in the
 * environment only: a copy of the database alone reveals no key. Stored as the 12-byte nonce, then the ciphertext
 * with its tag.
 */
@Component
class SecretBox {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final String HOW_TO_SET = "Set SINTRA_SECRET_KEY to 32 random bytes in base64 (openssl rand -base64 32) "
            + "and restart Sintra to store API keys";

    private final SecretKeySpec key;
    private final String problem;
    private final SecureRandom random = new SecureRandom();

    SecretBox(AiProperties properties) {
        SecretKeySpec parsed = null;
        String why = null;
        String secret = properties.secretKey().strip();
        if (secret.isEmpty()) {
            why = "SINTRA_SECRET_KEY is not set. " + HOW_TO_SET;
        } else {
            try {
                byte[] bytes = Base64.getDecoder().decode(secret);
                if (bytes.length == 32) {
                    parsed = new SecretKeySpec(bytes, "AES");
                } else {
                    why = "SINTRA_SECRET_KEY holds " + bytes.length + " bytes, not 32. " + HOW_TO_SET;
                }
            } catch (IllegalArgumentException notBase64) {
                why = "SINTRA_SECRET_KEY is not base64. " + HOW_TO_SET;
            }
        }
        this.key = parsed;
        this.problem = why;
    }

    boolean available() {
        return key != null;
    }

    /** @throws InvalidInputException on the key field when no usable secret is set */
    byte[] encrypt(String plaintext) {
        if (key == null) {
            throw new InvalidInputException("apiKey", problem);
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every Java runtime", e);
        }
    }

    /** @throws IllegalStateException when the secret is missing or is not the one the key was stored with */
    String decrypt(byte[] stored) {
        if (key == null) {
            throw new IllegalStateException(problem);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored API key cannot be decrypted: SINTRA_SECRET_KEY is not the one it was saved with", e);
        }
    }
}
