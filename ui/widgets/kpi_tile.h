// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

namespace bidlab::ui {

// A key figure on the dashboard: a caption, the value in large type, and its rate of change beneath, in green
// or red when the change is good or bad news (a rising eCPC is bad, rising revenue good). The tile paints its
// texts itself and its size does not depend on them, so ten tiles changing ten times a second repaint ten
// small rectangles and never re-lay out the window (as labels would, through updateGeometry()).
class KpiTile : public QFrame
{
    Q_OBJECT
public:
    enum class Mood { Neutral, Good, Bad };

    explicit KpiTile(const QString& caption, QWidget* parent = nullptr);

    void setValue(const QString& value, const QString& toolTip = {});
    void setChange(const QString& change, Mood mood = Mood::Neutral);

    QString caption() const { return m_caption; }
    QString value() const { return m_value; }
    QString change() const { return m_change; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateFonts();

    QString m_caption;
    QString m_value;
    QString m_change;
    Mood m_mood = Mood::Neutral;
    QFont m_smallFont;
    QFont m_valueFont;
};

} // namespace bidlab::ui
