package com.ceki.files;

import com.ceki.aws.AwsSettings;
import com.ceki.core.config.Config;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The files bucket ({@code FILES_BUCKET}): objects are written directly for small inline uploads, or through a
 * presigned PUT for large ones, and always read through short-lived presigned GETs (the bucket is private).
 * Locally ({@code S3_ENDPOINT}) the emulator is addressed path-style.
 */
public final class FileStore {

    static final Duration DOWNLOAD_LIFETIME = Duration.ofMinutes(5);
    static final Duration UPLOAD_LIFETIME = Duration.ofMinutes(15);

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public FileStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public static FileStore fromConfig(Config config, AwsSettings aws) {
        boolean local = aws.endpoint("S3_ENDPOINT").isPresent();
        // Locally: path-style addressing, and whole (not aws-chunked) bodies, which the S3 emulator stores verbatim.
        S3Configuration pathStyle = S3Configuration.builder().pathStyleAccessEnabled(local).chunkedEncodingEnabled(!local).build();
        // Checksums only where S3 requires them: the default trailing checksum sends aws-chunked bodies, which
        // S3-compatible servers (the local one among them) may store verbatim.
        S3Client client = aws.configure(S3Client.builder(), "S3_ENDPOINT").serviceConfiguration(pathStyle)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .build();
        S3Presigner.Builder presigner = S3Presigner.builder().region(aws.region())
                .credentialsProvider(aws.credentialsFor("S3_ENDPOINT")).serviceConfiguration(pathStyle);
        aws.endpoint("S3_ENDPOINT").ifPresent(presigner::endpointOverride);
        return new FileStore(client, presigner.build(), config.required("FILES_BUCKET"));
    }

    void put(String key, byte[] bytes, String contentType) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType).contentLength((long) bytes.length),
                RequestBody.fromBytes(bytes));
    }

    /** A GET that serves the object inline ({@code url}) or as an attachment named {@code downloadName}. */
    URI presignGet(String key, String downloadName) {
        return URI.create(presigner.presignGetObject(g -> g.signatureDuration(DOWNLOAD_LIFETIME).getObjectRequest(o -> {
            o.bucket(bucket).key(key);
            if (downloadName != null) {
                o.responseContentDisposition("attachment; filename=\"" + downloadName.replace("\"", "") + "\"");
            }
        })).url().toString());
    }

    /** A PUT the client uploads to directly: signed for this key, type and exact length. */
    URI presignPut(String key, String contentType, long size) {
        return URI.create(presigner.presignPutObject(p -> p.signatureDuration(UPLOAD_LIFETIME)
                .putObjectRequest(o -> o.bucket(bucket).key(key).contentType(contentType).contentLength(size)))
                .url().toString());
    }
}
