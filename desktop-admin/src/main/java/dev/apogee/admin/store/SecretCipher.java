package dev.apogee.admin.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Encrypts saved secrets (ACL secret keys) with AES-256-GCM under a key kept in a file of its own.
 *
 * <p><b>Threat model, honestly.</b> This keeps secrets out of the database file: a copied, backed-up,
 * synced or shared {@code admin.mv.db}, or one opened in an SQL console, shows only ciphertext. It
 * does <em>not</em> protect against anyone who can read the key file too: the same user, malware
 * running as that user, or an administrator. On POSIX systems the key file is made readable by its
 * owner only ({@code rw-------}); elsewhere (Windows) it inherits the data directory's permissions,
 * which under the user's profile normally means the user and administrators. An OS keychain would be
 * stronger and is not portable from the JDK alone; a master password would be stronger still and is
 * a later option. Tampering is detected: GCM refuses a changed ciphertext.
 *
 * <p>Layout of an encrypted value: a version byte (1), the 12-byte random nonce, then the ciphertext
 * with its 16-byte tag.
 */
public final class SecretCipher {

    private static final Logger LOG = LogManager.getLogger(SecretCipher.class);
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final byte[] ASSOCIATED_DATA = "apogee-admin secret v1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    private SecretCipher(SecretKey key) {
        this.key = key;
    }

    /**
     * The cipher whose key is in {@code keyFile}, made (with owner-only permissions where the file
     * system supports them) if it does not exist.
     *
     * @throws IOException if the key file cannot be read or written, or is not a key
     */
    public static SecretCipher open(Path keyFile) throws IOException {
        if (!Files.exists(keyFile)) {
            create(keyFile);
        }
        byte[] bytes = Files.readAllBytes(keyFile);
        if (bytes.length != KEY_BYTES) {
            throw new IOException("the key file " + keyFile + " holds " + bytes.length + " bytes, not a "
                    + KEY_BYTES + "-byte key; restore it or remove it (saved secrets are then lost)");
        }
        return new SecretCipher(new SecretKeySpec(bytes, "AES"));
    }

    private static void create(Path keyFile) throws IOException {
        byte[] bytes;
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(KEY_BYTES * 8, new SecureRandom());
            bytes = generator.generateKey().getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make an AES key: " + e.getMessage(), e);
        }
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        boolean posix = keyFile.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                // Created with the permissions at once: there is no moment in which others may read it.
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(keyFile);
                LOG.info("{} cannot be restricted to its owner on this file system; it has the data directory's "
                        + "permissions", keyFile);
            }
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.write(keyFile, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** {@code plain} encrypted; null stays null. */
    public byte[] encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] sealed = cipher.doFinal(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /**
     * {@code sealed} decrypted; null stays null.
     *
     * @throws IllegalArgumentException if it was not encrypted with this key or was changed
     */
    public String decrypt(byte[] sealed) {
        if (sealed == null) {
            return null;
        }
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IllegalArgumentException("not a secret sealed by this application");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(ASSOCIATED_DATA);
            byte[] plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
            return new String(plain, java.nio.charset.StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("the secret cannot be decrypted: the key file is not the one it was "
                    + "saved with, or the value was changed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }
}
