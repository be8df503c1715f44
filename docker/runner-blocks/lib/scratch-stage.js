'use strict';
// A stand-in for scratch-render, so scratch-vm takes the paths it takes in the editor. Without a renderer
// RenderedTarget.setXY, setDirection, setSize, setVisible, setCostume and the effects never call
// runtime.requestRedraw() (scratch-vm 5.0.300 src/sprites/rendered-target.js:271-280 and the like), so a
// loop that moves a sprite would not end its frame as it does in the editor, and sprites would leave the
// stage. Nothing is drawn: each sprite is a rectangle the size of its costume, which is all that fencing,
// `touching edge?`, `if on edge, bounce` and size limits read. Pixel tests (touching a sprite or a colour,
// the mouse) answer false, as nothing is painted.

// scratch-render src/RenderWebGL.js: the stage is 480 × 360 and a sprite keeps FENCE_WIDTH pixels of
// itself on it (getFencedPositionOfDrawable).
const STAGE_HALF_WIDTH = 240;
const STAGE_HALF_HEIGHT = 180;
const FENCE_WIDTH = 15;

class StandInRenderer {
    constructor () {
        this.runtime = null;
        this.drawables = new Map();
        this.nextId = 1;
        this.layers = [];
    }

    /** The runtime whose targets the drawables belong to: a drawable's size is its target's costume. */
    attachTo (runtime) {
        this.runtime = runtime;
        runtime.attachRenderer(this);
    }

    createDrawable () {
        const id = this.nextId++;
        this.drawables.set(id, {position: [0, 0], direction: 90, scale: [100, 100]});
        this.layers.push(id);
        return id;
    }

    destroyDrawable (id) {
        this.drawables.delete(id);
        this.layers = this.layers.filter(layer => layer !== id);
    }

    updateDrawablePosition (id, position) {
        const drawable = this.drawables.get(id);
        if (drawable) drawable.position = [position[0], position[1]];
    }

    updateDrawableDirectionScale (id, direction, scale) {
        const drawable = this.drawables.get(id);
        if (drawable) Object.assign(drawable, {direction, scale: [scale[0], scale[1]]});
    }

    /** Layer order as scratch-render's setDrawableOrder returns it (index in the drawable list). */
    setDrawableOrder (id, order, group, isRelative) {
        const current = this.layers.indexOf(id);
        if (current < 0) return null;
        this.layers.splice(current, 1);
        const wanted = isRelative ? current + order : order;
        const index = Math.max(1, Math.min(this.layers.length, Number.isFinite(wanted) ? wanted : (wanted > 0 ? Infinity : 1)));
        this.layers.splice(index, 0, id);
        return index;
    }

    getDrawableOrder (id) {
        return this.layers.indexOf(id);
    }

    /** The costume's size at 100 %: a Scratch costume's rotation centre is usually its middle. */
    getCurrentSkinSize (id) {
        const costume = this.targetOf(id)?.getCurrentCostume();
        if (!costume) return [1, 1];
        const resolution = costume.bitmapResolution || 1;
        return [Math.max(1, 2 * (costume.rotationCenterX || 0) / resolution),
            Math.max(1, 2 * (costume.rotationCenterY || 0) / resolution)];
    }

    getSkinSize () {
        return [1, 1];
    }

    getSkinRotationCenter () {
        return [0, 0];
    }

    getNativeSize () {
        return [2 * STAGE_HALF_WIDTH, 2 * STAGE_HALF_HEIGHT];
    }

    /** The axis-aligned box of the drawable's costume, turned and scaled as the sprite is. */
    getBounds (id) {
        const drawable = this.drawables.get(id);
        if (!drawable) return null;
        const [width, height] = this.getCurrentSkinSize(id).map((size, axis) => size * Math.abs(drawable.scale[axis]) / 100);
        const radians = (90 - drawable.direction) * Math.PI / 180;
        const halfWidth = (Math.abs(Math.cos(radians)) * width + Math.abs(Math.sin(radians)) * height) / 2;
        const halfHeight = (Math.abs(Math.sin(radians)) * width + Math.abs(Math.cos(radians)) * height) / 2;
        const [x, y] = drawable.position;
        return {left: x - halfWidth, right: x + halfWidth, bottom: y - halfHeight, top: y + halfHeight,
            width: 2 * halfWidth, height: 2 * halfHeight};
    }

    getBoundsForBubble (id) {
        return this.getBounds(id);
    }

    /** scratch-render's getFencedPositionOfDrawable: the sprite keeps at least FENCE_WIDTH pixels on the stage. */
    getFencedPositionOfDrawable (id, [x, y]) {
        const drawable = this.drawables.get(id);
        const bounds = this.getBounds(id);
        if (!drawable || !bounds) return [x, y];
        const dx = x - drawable.position[0];
        const dy = y - drawable.position[1];
        const inset = Math.floor(Math.min(bounds.width, bounds.height) / 2);
        const sx = STAGE_HALF_WIDTH - Math.min(FENCE_WIDTH, inset);
        const sy = STAGE_HALF_HEIGHT - Math.min(FENCE_WIDTH, inset);
        let fencedX = x;
        let fencedY = y;
        if (bounds.right + dx < -sx) fencedX = Math.ceil(drawable.position[0] - (sx + bounds.right));
        else if (bounds.left + dx > sx) fencedX = Math.floor(drawable.position[0] + (sx - bounds.left));
        if (bounds.top + dy < -sy) fencedY = Math.ceil(drawable.position[1] - (sy + bounds.top));
        else if (bounds.bottom + dy > sy) fencedY = Math.floor(drawable.position[1] + (sy - bounds.bottom));
        return [fencedX, fencedY];
    }

    isTouchingDrawables () {
        return false;
    }

    isTouchingColor () {
        return false;
    }

    drawableTouching () {
        return false;
    }

    pick () {
        return -1;
    }

    targetOf (id) {
        return this.runtime?.targets.find(target => target.drawableID === id);
    }
}

// Nothing is drawn: creating a skin gives a fresh id; visibility, skins, effects, the pen and drawing do nothing.
for (const name of ['createTextSkin', 'createSVGSkin', 'createBitmapSkin', 'createPenSkin']) {
    StandInRenderer.prototype[name] = function () {
        return this.nextId++;
    };
}
for (const name of ['setLayerGroupOrdering', 'updateDrawableVisible', 'updateDrawableSkinId', 'updateDrawableEffect',
    'updateTextSkin', 'updateSVGSkin', 'updateBitmapSkin', 'destroySkin', 'penClear', 'penPoint', 'penLine',
    'penStamp', 'draw']) {
    StandInRenderer.prototype[name] = () => {};
}

module.exports = {StandInRenderer};
