package projmap.progress;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import projmap.auth.AccessControl;
import projmap.auth.AuditLog;
import projmap.http.ApiException;
import projmap.http.Params;
import projmap.projects.Project;
import projmap.projects.ProjectStore;

/**
 * Photos of a project over HTTP: upload (the image as the request body, or a multipart field
 * {@code file}), list with positions, the re-encoded image and its thumbnail, delete.
 */
public final class PhotoRoutes {
    private final PhotoStore photos;
    private final ProjectStore projects;
    private final AuditLog audit;

    public PhotoRoutes(PhotoStore photos, ProjectStore projects, AuditLog audit) {
        this.photos = photos;
        this.projects = projects;
        this.audit = audit;
    }

    /** {@code POST /api/projects/{id}/photos?caption=} → 201 with the photo's description. */
    public void upload(Context ctx) {
        long projectId = Params.id(ctx, "id");
        Project p = projects.find(projectId).orElseThrow(() -> ApiException.notFound("project", projectId));
        AccessControl.requireDepartment(ctx, p.department());
        String caption = ctx.queryParam("caption");
        if (caption != null && caption.length() > 200) {
            throw ApiException.badParameter("caption", "at most 200 characters");
        }
        PhotoProcessor.Processed processed = PhotoProcessor.process(read(ctx));
        String actor = AccessControl.actor(ctx);
        PhotoStore.Photo stored = photos.database().inTransaction(c -> {
            PhotoStore.Photo s = photos.insert(c, projectId, processed, caption == null || caption.isBlank() ? null
                    : caption.trim(), actor);
            audit.record(c, actor, AccessControl.address(ctx), "photo.create", "project", String.valueOf(projectId),
                    null, "{\"photoId\":" + s.id() + "}");
            return s;
        });
        ctx.status(201).json(stored);
    }

    /**
     * The upload's bytes (the request body, or a multipart field {@code file}), refusing past
     * {@link PhotoProcessor#MAX_BYTES} without reading further: 413 too large, 400 empty.
     */
    public static byte[] read(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        try {
            if (type.startsWith("multipart/form-data")) {
                var file = ctx.uploadedFile("file");
                if (file == null) {
                    throw ApiException.badParameter("file", "a multipart field 'file' with the image is expected");
                }
                if (file.size() > PhotoProcessor.MAX_BYTES) {
                    throw tooLarge();
                }
                try (InputStream in = file.content()) {
                    return limited(in);
                }
            }
            try (InputStream in = ctx.req().getInputStream()) {
                return limited(in);
            }
        } catch (IOException e) {
            throw new ApiException(400, "unreadable_upload", "the upload could not be read", Map.of());
        }
    }

    private static byte[] limited(InputStream in) throws IOException {
        byte[] data = in.readNBytes(PhotoProcessor.MAX_BYTES + 1);
        if (data.length > PhotoProcessor.MAX_BYTES) {
            throw tooLarge();
        }
        if (data.length == 0) {
            throw new ApiException(400, "empty_upload", "the upload is empty", Map.of());
        }
        return data;
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "too_large", "a photo may have at most " + PhotoProcessor.MAX_BYTES / (1024 * 1024)
                + " MB", Map.of("maxBytes", PhotoProcessor.MAX_BYTES));
    }

    /** {@code GET /api/projects/{id}/photos} */
    public void list(Context ctx) {
        long projectId = Params.id(ctx, "id");
        projects.find(projectId).orElseThrow(() -> ApiException.notFound("project", projectId));
        ctx.json(photos.ofProject(projectId));
    }

    /** {@code GET /api/photos/{id}} */
    public void image(Context ctx) {
        serve(ctx, false);
    }

    /** {@code GET /api/photos/{id}/thumbnail} */
    public void thumbnail(Context ctx) {
        serve(ctx, true);
    }

    private void serve(Context ctx, boolean thumbnail) {
        long id = Params.id(ctx, "id");
        PhotoStore.Photo photo = photos.find(id).orElseThrow(() -> ApiException.notFound("photo", id));
        byte[] bytes = photos.bytes(id, thumbnail).orElseThrow(() -> ApiException.notFound("photo", id));
        // the bytes were re-encoded by us; still, never let a browser guess another type
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "private, max-age=86400");
        ctx.contentType(thumbnail ? "image/jpeg" : photo.mediaType()).result(bytes);
    }

    /** {@code DELETE /api/photos/{id}} */
    public void delete(Context ctx) {
        long id = Params.id(ctx, "id");
        PhotoStore.Photo photo = photos.find(id).orElseThrow(() -> ApiException.notFound("photo", id));
        Project p = projects.find(photo.projectId()).orElseThrow(() -> ApiException.notFound("project", photo.projectId()));
        AccessControl.requireDepartment(ctx, p.department());
        String actor = AccessControl.actor(ctx);
        photos.database().inTransaction(c -> {
            photos.delete(c, id);
            audit.record(c, actor, AccessControl.address(ctx), "photo.delete", "project", String.valueOf(p.id()),
                    "{\"photoId\":" + id + "}", null);
            return null;
        });
        ctx.status(204);
    }
}
