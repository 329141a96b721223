use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

#[test]
fn reads_common_forms() {
    let as_of = d(2026, 11, 21);
    let en = |s: &str| parse(s, Lang::En, as_of);
    assert_eq!(en("2026-12-03"), Some(d(2026, 12, 3)));
    assert_eq!(en("12/15/2026"), Some(d(2026, 12, 15)));
    assert_eq!(en("15/12/2026"), Some(d(2026, 12, 15)));
    assert_eq!(en("11/02/2026"), Some(d(2026, 11, 2)));
    assert_eq!(en("3 Dec 2026"), Some(d(2026, 12, 3)));
    assert_eq!(en("Jan 8, 2027"), Some(d(2027, 1, 8)));
    assert_eq!(en("December 3rd"), Some(d(2026, 12, 3)));
    assert_eq!(en("5 Jan"), Some(d(2027, 1, 5)));
    assert_eq!(en("due 12/18/2026"), Some(d(2026, 12, 18)));
    assert_eq!(en("tomorrow"), Some(d(2026, 11, 22)));
    assert_eq!(en("Friday"), Some(d(2026, 11, 27)));
    assert_eq!(en("next Monday"), Some(d(2026, 11, 23)));
    assert_eq!(en("end of January 2027"), Some(d(2027, 1, 31)));
    assert_eq!(en("TBD"), None);
    assert_eq!(en("soon"), None);
    assert_eq!(en("ASAP"), None);
    assert_eq!(en("31/02/2026"), None);
    assert_eq!(en("version 6.8"), None);
}

#[test]
fn reads_japanese_and_chinese_forms() {
    let as_of = d(2026, 11, 21);
    for lang in [Lang::Ja, Lang::Zh] {
        let p = |s: &str| parse(s, lang, as_of);
        assert_eq!(p("2026年12月3日"), Some(d(2026, 12, 3)), "{lang}");
        assert_eq!(p("2026 年 12 月 3 日まで"), Some(d(2026, 12, 3)));
        assert_eq!(p("１２月１５日"), Some(d(2026, 12, 15)));
        assert_eq!(p("1月8日"), Some(d(2027, 1, 8)));
        assert_eq!(p("2026/12/03"), Some(d(2026, 12, 3)));
        assert_eq!(p("12/3"), Some(d(2026, 12, 3)));
        assert_eq!(p("2026-12-03 までに"), Some(d(2026, 12, 3)));
        assert_eq!(p("2027年1月"), Some(d(2027, 1, 31)));
        assert_eq!(p("12月末"), Some(d(2026, 12, 31)));
        assert_eq!(p("2026年10月30日"), Some(d(2026, 10, 30)));
        assert_eq!(p("TLS 1.2"), None);
        assert_eq!(p("3 回"), None);
        assert_eq!(p("2026年13月1日"), None);
    }
    let ja = |s: &str| parse(s, Lang::Ja, as_of);
    assert_eq!(ja("明日"), Some(d(2026, 11, 22)));
    assert_eq!(ja("金曜日"), Some(d(2026, 11, 27)));
    assert_eq!(ja("来週金曜日"), Some(d(2026, 11, 27)));
    assert_eq!(ja("来週の月曜"), Some(d(2026, 11, 23)));
    assert_eq!(ja("未定"), None);
    assert_eq!(ja("2026年12月3日(木)"), Some(d(2026, 12, 3)));
    let zh = |s: &str| parse(s, Lang::Zh, as_of);
    assert_eq!(zh("明天"), Some(d(2026, 11, 22)));
    assert_eq!(zh("下周五"), Some(d(2026, 11, 27)));
    assert_eq!(zh("星期一"), Some(d(2026, 11, 23)));
    assert_eq!(zh("12月5号"), Some(d(2026, 12, 5)));
    assert_eq!(zh("待定"), None);
    assert_eq!(
        parse_start("2026年12月3日 に", Lang::Ja, as_of),
        Some(d(2026, 12, 3))
    );
    assert_eq!(parse_start("お客様は 12月3日", Lang::Ja, as_of), None);
}

#[test]
fn reads_german_forms() {
    let as_of = d(2026, 11, 21);
    let de = |s: &str| parse(s, Lang::De, as_of);
    assert_eq!(de("03.12.2026"), Some(d(2026, 12, 3)));
    assert_eq!(de("18. Dezember 2026"), Some(d(2026, 12, 18)));
    assert_eq!(de("5. Jan. 2027"), Some(d(2027, 1, 5)));
    assert_eq!(de("morgen"), Some(d(2026, 11, 22)));
    assert_eq!(de("nächsten Freitag"), Some(d(2026, 11, 27)));
    assert_eq!(de("demnächst"), None);
    assert_eq!(de("offen"), None);
}

#[test]
fn reads_periods_in_prose() {
    let as_of = d(2019, 1, 1);
    let en = |s: &str| parse(s, Lang::En, as_of);
    assert_eq!(en("in place by the end of May 2019"), Some(d(2019, 5, 31)));
    assert_eq!(en("a workshop planned in April 2019"), Some(d(2019, 4, 30)));
    assert_eq!(en("mid-June"), Some(d(2019, 6, 20)));
    assert_eq!(en("early March"), Some(d(2019, 3, 10)));
    assert_eq!(en("in Q3"), Some(d(2019, 9, 30)));
    assert_eq!(en("Q1 2020"), Some(d(2020, 3, 31)));
    assert_eq!(en("Q2/2020"), Some(d(2020, 6, 30)));
    assert_eq!(en("H2"), Some(d(2019, 12, 31)));
    assert_eq!(en("by EOM"), Some(d(2019, 1, 31)));
    assert_eq!(en("next week"), Some(d(2019, 1, 13)));
    assert_eq!(en("end of next month"), Some(d(2019, 2, 28)));
    assert_eq!(en("in two weeks"), Some(d(2019, 1, 15)));
    assert_eq!(en("within 10 days"), Some(d(2019, 1, 11)));
    assert_eq!(en("CW 14"), Some(d(2019, 4, 7)));
    assert_eq!(en("by 2020"), Some(d(2020, 12, 31)));
    assert_eq!(en("the week of 7 Jan"), Some(d(2019, 1, 7)));
    // "may" the verb is no month; "May" after a preposition is.
    assert_eq!(en("Customer may not store data"), None);
    assert_eq!(en("May we proceed"), None);
    assert_eq!(en("until May"), Some(d(2019, 5, 31)));
    assert_eq!(en("3 contact attempts"), None);
    assert_eq!(en("version 6.8 and 1,800 users"), None);
}

#[test]
fn reads_german_periods() {
    let as_of = d(2026, 12, 2);
    let de = |s: &str| parse(s, Lang::De, as_of);
    assert_eq!(
        de("bis Ende Mai 2019 erfolgt sein soll"),
        Some(d(2019, 5, 31))
    );
    assert_eq!(de("Termin Mitte Januar 2027"), Some(d(2027, 1, 20)));
    assert_eq!(de("Anfang März"), Some(d(2027, 3, 10)));
    assert_eq!(de("KW 3/2027"), Some(d(2027, 1, 24)));
    assert_eq!(de("in KW 14"), Some(d(2027, 4, 11)));
    assert_eq!(de("bis 10.12."), Some(d(2026, 12, 10)));
    assert_eq!(de("am 9. Dezember"), Some(d(2026, 12, 9)));
    assert_eq!(de("nächste Woche"), Some(d(2026, 12, 13)));
    assert_eq!(de("3. Quartal 2027"), Some(d(2027, 9, 30)));
    assert_eq!(de("in zwei Wochen"), Some(d(2026, 12, 16)));
    assert_eq!(de("3.400 Lizenzen und 1.100 Server"), None);
}

#[test]
fn reads_japanese_and_chinese_periods() {
    let as_of = d(2019, 1, 1);
    let ja = |s: &str| parse(s, Lang::Ja, as_of);
    assert_eq!(ja("2019 年 5 月末までに導入予定"), Some(d(2019, 5, 31)));
    assert_eq!(
        ja("ワークショップを 2019 年 4 月に予定"),
        Some(d(2019, 4, 30))
    );
    assert_eq!(ja("4 月中旬"), Some(d(2019, 4, 20)));
    assert_eq!(ja("来週"), Some(d(2019, 1, 13)));
    assert_eq!(ja("今月末"), Some(d(2019, 1, 31)));
    assert_eq!(ja("第3四半期"), Some(d(2019, 9, 30)));
    assert_eq!(ja("2週間後"), Some(d(2019, 1, 15)));
    let zh = |s: &str| parse(s, Lang::Zh, as_of);
    assert_eq!(zh("预计在 2019 年 5 月末部署到位"), Some(d(2019, 5, 31)));
    assert_eq!(zh("计划于 2019 年 4 月举行"), Some(d(2019, 4, 30)));
    assert_eq!(zh("下周"), Some(d(2019, 1, 13)));
    assert_eq!(zh("月底前"), Some(d(2019, 1, 31)));
    assert_eq!(zh("第三季度"), Some(d(2019, 9, 30)));
    assert_eq!(zh("3月中旬"), Some(d(2019, 3, 20)));
    assert_eq!(zh("联系 3 次"), None);
}

#[test]
fn spans_cover_the_date_words() {
    let as_of = d(2019, 1, 1);
    let t = "The Partner has engaged to assist with deployment, which is anticipated to be in place by the end of May 2019.";
    let f = find_all(t, Lang::En, as_of);
    assert_eq!(f.len(), 1);
    assert_eq!(&t[f[0].span.clone()], "the end of May 2019");
    let t = "パートナー様は、2019 年 5 月末までに導入予定の展開の支援に取り組んでいます。";
    let f = find_all(t, Lang::Ja, as_of);
    assert_eq!(
        f.iter().map(|f| &t[f.span.clone()]).collect::<Vec<_>>(),
        ["2019 年 5 月末"]
    );
}

#[test]
fn never_panics_at_the_ends_of_time() {
    for as_of in [NaiveDate::MIN, NaiveDate::MAX] {
        for lang in Lang::ALL {
            for s in [
                "12/3",
                "3/12",
                "12月",
                "12月末",
                "12月3日",
                "3. Dezember",
                "tomorrow",
                "next week",
                "Friday",
                "Q4",
                "KW 52",
                "in 3 months",
                "明年",
                "来週金曜日",
                "EOY",
                "2週間後",
            ] {
                let _ = find_all(s, lang, as_of);
            }
        }
    }
}
