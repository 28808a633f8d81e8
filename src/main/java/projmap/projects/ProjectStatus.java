package projmap.projects;

import java.util.Optional;

/** Where a project stands in its life (项目状态). A project counts as started once under construction. */
public enum ProjectStatus implements CodeList {
    PLANNED("planned", "谋划储备", "Planned"),
    PREPARING("preparing", "前期工作", "Preparing"),
    UNDER_CONSTRUCTION("under_construction", "在建", "Under construction"),
    COMPLETED("completed", "竣工", "Completed"),
    SUSPENDED("suspended", "停工", "Suspended");

    private final String code;
    private final String zh;
    private final String en;

    ProjectStatus(String code, String zh, String en) {
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

    /** 已开工: under construction, suspended after starting, or completed. */
    public boolean started() {
        return this == UNDER_CONSTRUCTION || this == SUSPENDED || this == COMPLETED;
    }

    public static Optional<ProjectStatus> byCode(String code) {
        return CodeList.find(values(), code);
    }
}
