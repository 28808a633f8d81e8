package projmap.projects;

import java.util.Optional;

/** How a project is paid for (资金来源), after the four channels the 2017 meeting named plus special bonds. */
public enum FundingMode implements CodeList {
    FISCAL("fiscal", "财政资金", "Fiscal funds"),
    BANK_LOAN("bank_loan", "银行贷款", "Bank loan"),
    PPP("ppp", "PPP", "PPP"),
    PRIVATE("private", "社会投资", "Private capital"),
    SPECIAL_BOND("special_bond", "专项债券", "Special-purpose bond");

    private final String code;
    private final String zh;
    private final String en;

    FundingMode(String code, String zh, String en) {
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

    public static Optional<FundingMode> byCode(String code) {
        return CodeList.find(values(), code);
    }
}
