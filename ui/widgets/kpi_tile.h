// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QLabel;

namespace bidlab::ui {

// A key figure on the dashboard: a caption, the value in large type, and its rate of change beneath, in green
// or red when the change is good or bad news (a rising eCPC is bad, rising revenue good).
class KpiTile : public QFrame
{
    Q_OBJECT
public:
    enum class Mood { Neutral, Good, Bad };

    explicit KpiTile(const QString& caption, QWidget* parent = nullptr);

    void setValue(const QString& value, const QString& toolTip = {});
    void setChange(const QString& change, Mood mood = Mood::Neutral);

    QString caption() const;
    QString value() const;
    QString change() const;

private:
    QLabel* m_caption;
    QLabel* m_value;
    QLabel* m_change;
    Mood m_mood = Mood::Neutral;
};

} // namespace bidlab::ui
