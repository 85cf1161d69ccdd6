package io.infer4j.wallaroo;

import io.infer4j.core.internal.Bodies;
import io.infer4j.wallaroo.internal.Multipart;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.RequestBody;

/**
 * A model file to upload with {@code models/upload_and_convert}: the {@code metadata} part (name,
 * workspace, visibility, conversion settings, optional base64 Arrow schemas) and the file itself,
 * streamed from a {@link Path} or a {@code Supplier<InputStream>} (both re-sendable), or from one
 * {@link InputStream} (sent at most once; see {@link Builder#file(InputStream, String)}).
 *
 * <pre>{@code
 * ModelUpload upload = ModelUpload.builder("ccfraud", workspaceId, "onnx")
 *         .file(Path.of("ccfraud.onnx")).build();
 * ModelVersion v = client.models().upload(upload).await(Duration.ofMinutes(10));
 * }</pre>
 */
public final class ModelUpload {
    private final Map<String, Object> metadata;
    private final RequestBody file;
    private final String fileName;

    private ModelUpload(Builder b) {
        Map<String, Object> conversion = new LinkedHashMap<>();
        conversion.put("framework", b.framework);
        conversion.put("requirements", List.copyOf(b.requirements));
        putIfSet(conversion, "python_version", b.pythonVersion);
        putIfSet(conversion, "arch", b.arch);
        putIfSet(conversion, "accel", b.accel);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name);
        m.put("visibility", b.visibility);
        m.put("workspace_id", b.workspaceId);
        m.put("conversion", conversion);
        putIfSet(m, "input_schema", b.inputSchema);
        putIfSet(m, "output_schema", b.outputSchema);
        this.metadata = java.util.Collections.unmodifiableMap(m);
        this.file = b.file;
        this.fileName = b.fileName;
    }

    /**
     * Starts an upload of model {@code name} into {@code workspaceId}.
     *
     * @param framework {@code onnx}, {@code tensorflow}, {@code pytorch}, {@code sklearn}, {@code xgboost},
     *                  {@code custom}, {@code hugging-face-*}, ... (sent verbatim)
     */
    public static Builder builder(String name, long workspaceId, String framework) {
        Workspaces.requireText(name, "name");
        Workspaces.requireText(framework, "framework");
        return new Builder(name, workspaceId, framework);
    }

    /** The {@code metadata} part as JSON-ready values. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The file name sent with the file part. */
    public String fileName() {
        return fileName;
    }

    RequestBody file() {
        return file;
    }

    @Override
    public String toString() {
        return "ModelUpload[" + metadata + ", file=" + fileName + "]";
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** Builds a {@link ModelUpload}. */
    public static final class Builder {
        private final String name;
        private final long workspaceId;
        private final String framework;
        private String visibility = "private";
        private final List<String> requirements = new ArrayList<>();
        private String pythonVersion;
        private String arch;
        private String accel;
        private String inputSchema;
        private String outputSchema;
        private RequestBody file;
        private String fileName;

        private Builder(String name, long workspaceId, String framework) {
            this.name = name;
            this.workspaceId = workspaceId;
            this.framework = framework;
        }

        /** {@code private} (default) or {@code public}. */
        public Builder visibility(String visibility) {
            Workspaces.requireText(visibility, "visibility");
            this.visibility = visibility;
            return this;
        }

        /** Python requirements for conversion (default none). */
        public Builder requirements(List<String> requirements) {
            this.requirements.addAll(requirements);
            return this;
        }

        /** {@code 3.8} or {@code 3.9}. */
        public Builder pythonVersion(String pythonVersion) {
            this.pythonVersion = pythonVersion;
            return this;
        }

        /** {@code x86}, {@code arm} or {@code power10}. */
        public Builder arch(String arch) {
            this.arch = arch;
            return this;
        }

        /** {@code none}, {@code cuda}, {@code jetson}, {@code openvino}. */
        public Builder accel(String accel) {
            this.accel = accel;
            return this;
        }

        /** Base64 of a serialised Arrow schema (required for non-native frameworks). */
        public Builder inputSchema(String base64ArrowSchema) {
            this.inputSchema = base64ArrowSchema;
            return this;
        }

        /** Base64 of a serialised Arrow schema (required for non-native frameworks). */
        public Builder outputSchema(String base64ArrowSchema) {
            this.outputSchema = base64ArrowSchema;
            return this;
        }

        /** Streams the file from disk (can be re-sent if the connection fails before the server read it). */
        public Builder file(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("model file " + file + " does not exist or is not a regular file");
            }
            this.file = Bodies.file(file, Multipart.OCTET);
            this.fileName = file.getFileName().toString();
            return this;
        }

        /**
         * Streams the file from {@code in}, which can be read once: the upload is sent at most
         * once, and where it would have to be sent again (503, dropped connection, 401 with a
         * refreshed token, 307/308) it fails with {@link io.infer4j.core.error.BodyNotReplayableException}.
         */
        public Builder file(InputStream in, String fileName) {
            Workspaces.requireText(fileName, "fileName");
            this.file = Bodies.stream(Objects.requireNonNull(in, "in"), Multipart.OCTET);
            this.fileName = fileName;
            return this;
        }

        /** Streams the file from a new stream of {@code content} per attempt, so it is re-sent like a file. */
        public Builder file(Supplier<? extends InputStream> content, String fileName) {
            Workspaces.requireText(fileName, "fileName");
            this.file = Bodies.streams(Objects.requireNonNull(content, "content"), Multipart.OCTET);
            this.fileName = fileName;
            return this;
        }

        /** The upload. */
        public ModelUpload build() {
            if (file == null) {
                throw new IllegalArgumentException("a model upload needs a file: call file(Path), "
                        + "file(Supplier<InputStream>, String) or file(InputStream, String)");
            }
            return new ModelUpload(this);
        }
    }
}
