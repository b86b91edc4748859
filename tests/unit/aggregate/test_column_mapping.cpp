// SPDX-License-Identifier: MIT
#include "core/aggregate/column_mapping.h"
#include "tests/common/test_support.h"

using namespace bidlab::aggregate;

namespace {

QStringList split(const char* header, char delimiter = ',')
{
    return QString::fromUtf8(header).split(QLatin1Char(delimiter));
}

} // namespace

class ColumnMappingTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void guessesTheSeedSchema()
    {
        const ColumnMapping m
            = guessMapping(split("date,campaign_id,device,impressions,clicks,conversions,cost,revenue"));
        QCOMPARE(m.column(Role::Date), QStringLiteral("date"));
        QCOMPARE(m.column(Role::Campaign), QStringLiteral("campaign_id"));
        QCOMPARE(m.column(Role::Device), QStringLiteral("device"));
        QCOMPARE(m.column(Role::Impressions), QStringLiteral("impressions"));
        QCOMPARE(m.column(Role::Revenue), QStringLiteral("revenue"));
        QVERIFY(!m.has(Role::Month));
        QVERIFY(!m.has(Role::Placement));
    }
    void guessesTheOnlineAdvertisingTable()
    {
        const ColumnMapping m = guessMapping(
            split("month,day,campaign_number,user_engagement,banner,placement,displays,cost,clicks,revenue,"
                  "post_click_conversions,post_click_sales_amount"));
        QCOMPARE(m.column(Role::Month), QStringLiteral("month"));
        QCOMPARE(m.column(Role::Day), QStringLiteral("day"));
        QVERIFY(!m.has(Role::Date));
        QCOMPARE(m.column(Role::Campaign), QStringLiteral("campaign_number"));
        QCOMPARE(m.column(Role::Placement), QStringLiteral("placement"));
        QCOMPARE(m.column(Role::Impressions), QStringLiteral("displays"));
        QCOMPARE(m.column(Role::Conversions), QStringLiteral("post_click_conversions"));
        QCOMPARE(m.column(Role::Revenue), QStringLiteral("revenue"));
    }
    void guessesTheFacebookTables()
    {
        const ColumnMapping kag = guessMapping(split("ad_id,xyz_campaign_id,fb_campaign_id,age,gender,interest,"
                                                     "Impressions,Clicks,Spent,Total_Conversion,Approved_Conversion"));
        QCOMPARE(kag.column(Role::Campaign), QStringLiteral("xyz_campaign_id"));
        QCOMPARE(kag.column(Role::Cost), QStringLiteral("Spent"));
        QCOMPARE(kag.column(Role::Conversions), QStringLiteral("Total_Conversion"));
        QVERIFY(!kag.has(Role::Revenue));
        QVERIFY(!kag.has(Role::Date));
        const ColumnMapping ab = guessMapping(split("Campaign Name;Date;Spend [USD];# of Impressions;Reach;"
                                                    "# of Website Clicks;# of Searches;# of View Content;"
                                                    "# of Add to Cart;# of Purchase",
                                                    ';'));
        QCOMPARE(ab.column(Role::Campaign), QStringLiteral("Campaign Name"));
        QCOMPARE(ab.column(Role::Cost), QStringLiteral("Spend [USD]"));
        QCOMPARE(ab.column(Role::Impressions), QStringLiteral("# of Impressions"));
        QCOMPARE(ab.column(Role::Clicks), QStringLiteral("# of Website Clicks"));
        QCOMPARE(ab.column(Role::Conversions), QStringLiteral("# of Purchase"));
        QCOMPARE(ab.column(Role::Date), QStringLiteral("Date"));
    }
    void roundTripsThroughAVariantMap()
    {
        ColumnMapping m = guessMapping(split("month,day,camp,displays,cost"));
        m.setColumn(Role::Campaign, QStringLiteral("camp"));
        m.year = 2020;
        m.dateFormat = DateFormat::DayMonthYear;
        QCOMPARE(ColumnMapping::fromVariantMap(m.toVariantMap()), m);
    }
    void layoutKeysIgnoreCaseAndPunctuationOnly()
    {
        QCOMPARE(layoutKey(split("Date,Campaign ID,Cost")), layoutKey(split("date,campaign_id,cost")));
        QVERIFY(layoutKey(split("date,campaign_id,cost")) != layoutKey(split("date,campaign_id,revenue")));
        QVERIFY(layoutKey(split("a,b")) != layoutKey(split("b,a")));
        QCOMPARE(layoutKey(split("a,b")).size(), 16);
    }
};

BIDLAB_TEST_MAIN_CORE(ColumnMappingTest)
#include "test_column_mapping.moc"
