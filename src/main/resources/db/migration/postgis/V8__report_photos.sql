-- A monthly progress report shows the site photos the department picked from the project's photos.
ALTER TABLE photos ADD COLUMN report_id BIGINT REFERENCES progress_reports (id) ON DELETE SET NULL;
CREATE INDEX photos_report_idx ON photos (report_id);
