package projmap.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web app's folder: copied once per version out of a jar, a class folder's own, the jar itself when the home is read-only. */
class WebAppFilesTest {
    @TempDir
    Path tmp;

    @Test
    void a_jars_web_files_are_copied_once_per_version_and_the_old_version_removed() throws Exception {
        Path home = tmp.resolve("home");
        Path jar = jar("projmap.jar", Map.of("web/index.html", "<html>首页</html>", "web/js/app.js", "console.log(1)",
                "projmap/App.class", "not web"));
        Path folder = WebAppFiles.folder(jar, home).orElseThrow();
        assertThat(folder.getParent()).isEqualTo(home.resolve("web"));
        assertThat(files(folder)).isEqualTo(Map.of("index.html", "<html>首页</html>", "js/app.js", "console.log(1)"));

        // the same files again: the same folder, not copied again
        Files.writeString(folder.resolve("js/app.js"), "touched");
        assertThat(WebAppFiles.folder(jar, home)).contains(folder);
        assertThat(Files.readString(folder.resolve("js/app.js"))).isEqualTo("touched");

        // a build with other files: another folder, the old one gone
        Path newer = jar("projmap-2.jar", Map.of("web/index.html", "<html>首页 2</html>"));
        Path second = WebAppFiles.folder(newer, home).orElseThrow();
        assertThat(second).isNotEqualTo(folder);
        assertThat(files(second)).isEqualTo(Map.of("index.html", "<html>首页 2</html>"));
        assertThat(folder).doesNotExist();
        try (Stream<Path> left = Files.list(home.resolve("web"))) {
            assertThat(left).containsExactly(second);
        }
    }

    @Test
    void a_class_folder_is_served_as_it_is_and_a_jar_without_a_web_app_or_a_home_that_cannot_be_written_serves_the_jar()
            throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes/web"));
        assertThat(WebAppFiles.folder(classes.getParent(), tmp.resolve("home"))).contains(classes);
        assertThat(WebAppFiles.folder(Files.createDirectories(tmp.resolve("empty")), tmp.resolve("home"))).isEmpty();

        assertThat(WebAppFiles.folder(jar("lib.jar", Map.of("a/b.txt", "x")), tmp.resolve("home"))).isEmpty();

        Path notAFolder = Files.writeString(tmp.resolve("home-is-a-file"), "");
        assertThat(WebAppFiles.folder(jar("app.jar", Map.of("web/index.html", "x")), notAFolder)).isEmpty();
    }

    private Path jar(String name, Map<String, String> entries) throws IOException {
        Path file = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    /** The folder's files by relative path, with their text. */
    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                out.put(folder.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return out;
    }
}
