// SPDX-License-Identifier: MIT
#pragma once

#include <optional>

#include <QString>
#include <QStringList>

// Command-line options of the GUI (bidlab --help).
struct GuiOptions
{
    QString screenshotPath; // --screenshot FILE: grab the window, save it as PNG and quit
    int screenshotAfterMs = 1500; // --after MS
    QString tab; // --tab KEY: open that tab first
    QString theme; // --theme system|light|dark
    bool start = false; // --start: start the simulation at once
    QString scenario; // --scenario FILE
    QStringList passThrough; // arguments for panels (e.g. --scenario)
};

// Parses the application's arguments; prints usage or an error and returns nullopt when the program
// should exit (then *exitCode says with what).
std::optional<GuiOptions> parseGuiOptions(const QStringList& arguments, int* exitCode);
