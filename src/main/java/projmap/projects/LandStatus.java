package projmap.projects;

import java.util.Optional;

/** State of a project's land procedures (用地手续), which must be complete before it can start. */
public enum LandStatus implements CodeList {
    NOT_STARTED("not_started", "未办理", "Not started"),
    IN_PROGRESS("in_progress", "办理中", "In progress"),
    APPROVED("approved", "已批准", "Approved"),
    NOT_REQUIRED("not_required", "无需办理", "Not required");

    private final String code;
    private final String zh;
    private final String en;

    LandStatus(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    @Override
    public String code() { return code; }
    @Override
    public String zh() { return zh; }
    @Override
    public String en() { return en; }

    public static Optional<LandStatus> byCode(String code) {
        return CodeList.find(values(), code);
    }
}
